import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { EditorCamera } from './editorScreenshots';
import { REPO_ROOT } from './n8nInstance';

/** README pictures come from here: `E2E_SCREENSHOT_DIR=docs/images/templates npm run test:e2e -- templateScreenshots`. */
const OUTPUT = resolve(REPO_ROOT, process.env.E2E_SCREENSHOT_DIR ?? 'test/e2e/output/screenshots');
const TEMPLATES = join(REPO_ROOT, 'workflows');

interface TemplateJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string }>;
}

const templates = readdirSync(TEMPLATES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as TemplateJson }));

describe('every template opens in the editor of a real n8n (headless Chromium)', () => {
	let camera: EditorCamera;

	beforeAll(async () => {
		mkdirSync(OUTPUT, { recursive: true });
		camera = await EditorCamera.open(process.env.N8N_E2E_URL!);
	});

	afterAll(async () => {
		await camera?.close();
	});

	it.each(templates)('$file', async ({ file, workflow }) => {
		const png = join(OUTPUT, `${basename(file, '.json')}.png`);
		const onCanvas = await camera.photograph(workflow.id, png);
		const workingNodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
		expect(onCanvas).toEqual(expect.arrayContaining(workingNodes));
		expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
	});
});
