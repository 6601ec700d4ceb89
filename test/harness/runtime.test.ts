import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { assertPackageBuilt } from './runtime';

describe('assertPackageBuilt', () => {
	let root: string;

	beforeEach(() => {
		root = mkdtempSync(path.join(tmpdir(), 'support-ai-package-'));
		const n8n = { nodes: ['dist/nodes/A/A.node.js'], credentials: ['dist/credentials/B.credentials.js'] };
		writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'p', n8n }));
	});

	afterEach(() => rmSync(root, { recursive: true, force: true }));

	test('names the missing built files and the command that builds them', () => {
		expect(() => assertPackageBuilt(root)).toThrow(
			'The workflow harness loads the built package, but dist/nodes/A/A.node.js, dist/credentials/B.credentials.js are missing: run `npm run build` first.',
		);
	});

	test('passes once every listed file exists', () => {
		for (const file of ['dist/nodes/A/A.node.js', 'dist/credentials/B.credentials.js']) {
			mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
			writeFileSync(path.join(root, file), '');
		}
		expect(() => assertPackageBuilt(root)).not.toThrow();
	});
});
