import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { N8nClient } from './n8nClient';
import { PACKAGE_NAME, REPO_ROOT } from './n8nInstance';

const n8n = N8nClient.fromEnvironment();

describe('package installed into a real n8n as a community package', () => {
	it('registers every node of package.json under the package prefix', async () => {
		const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		const expected = manifest.n8n.nodes.map((file) => file.split('/').pop()!.replace('.node.js', ''));
		const ours = (await n8n.nodeTypeNames()).filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
		for (const className of expected) {
			const typeName = `${PACKAGE_NAME}.${className[0].toLowerCase()}${className.slice(1)}`;
			expect(ours).toContain(typeName);
		}
		expect(ours.some((name) => name.startsWith('CUSTOM.'))).toBe(false);
	});

	it('was installed with its runtime dependencies and no install scripts', () => {
		const installed = join(process.env.N8N_E2E_USER_FOLDER!, '.n8n/nodes/node_modules', PACKAGE_NAME);
		const modules = readdirSync(join(installed, 'node_modules'));
		expect(modules).toEqual(expect.arrayContaining(['onnxruntime-node', 'natural', 'neo4j-driver', '@node-rs']));
		// n8n's installer drops devDependencies: n8n-core etc. must not come along.
		expect(modules).not.toContain('n8n-core');
	});
});

describe('smoke workflow: webhook → Email Reply → Respond to Webhook', () => {
	it('answers a published production webhook through our node', async () => {
		const message = '我的order还没到\n\n发自我的iPhone';
		const response = await n8n.callWebhook('support-ai-smoke', { message });
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			reply: { text: '我的order还没到', quoted: '', signature: '发自我的iPhone' },
			received: { message },
		});
	});
});

describe('npm pack', () => {
	it('ships dist/ only, without tests or sources', () => {
		const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: REPO_ROOT, encoding: 'utf8' })) as Array<{
			files: Array<{ path: string }>;
		}>;
		const paths = files.map((file) => file.path);
		expect(paths.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(path))).toEqual([]);
		expect(paths.some((path) => path.endsWith('.test.js') || path.endsWith('.ts'))).toBe(false);
		for (const folder of ['dist/nodes/', 'dist/credentials/', 'dist/models/', 'dist/workflows/', 'dist/kg/']) {
			expect(paths.some((path) => path.startsWith(folder))).toBe(true);
		}
	});
});
