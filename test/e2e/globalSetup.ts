import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { N8nInstance, REPO_ROOT } from './n8nInstance';

const E2E_WORKFLOWS = join(REPO_ROOT, 'test/e2e/workflows');

/** Starts one n8n with every e2e workflow imported and published; tests read N8N_E2E_URL. */
export default async function globalSetup(): Promise<void> {
	const files = (await readdir(E2E_WORKFLOWS)).filter((name) => name.endsWith('.json')).map((name) => join(E2E_WORKFLOWS, name));
	const ids = await Promise.all(files.map(async (file) => (JSON.parse(await readFile(file, 'utf8')) as { id: string }).id));
	const started = Date.now();
	const n8n = await N8nInstance.start({ workflows: files, publish: ids });
	process.stderr.write(`\ne2e: n8n ready at ${n8n.baseUrl} in ${Math.round((Date.now() - started) / 1000)} s\n`);
	process.env.N8N_E2E_URL = n8n.baseUrl;
	process.env.N8N_E2E_USER_FOLDER = n8n.userFolder;
	(globalThis as { supportAiN8n?: N8nInstance }).supportAiN8n = n8n;
}
