/**
 * README pictures: a real n8n with this package and the workflow given on the command line imported,
 * photographed in the editor by headless Chromium: the whole workflow, and the node named by --open with
 * its parameter panel.
 *   npx tsx scripts/screenshots.ts <workflow.json> <out.png> [--open "Node Name" <panel.png>]
 */
import { readFile } from 'node:fs/promises';

import { EditorCamera } from '../test/e2e/editorScreenshots';
import { N8nInstance } from '../test/e2e/n8nInstance';

async function main(): Promise<void> {
	const [workflowFile, canvasPng, openFlag, nodeName, panelPng] = process.argv.slice(2);
	if (workflowFile === undefined || canvasPng === undefined) throw new Error('usage: screenshots.ts <workflow.json> <out.png> [--open "Node" <panel.png>]');
	const { id } = JSON.parse(await readFile(workflowFile, 'utf8')) as { id: string };
	const n8n = await N8nInstance.start({ workflows: [workflowFile] });
	try {
		const camera = await EditorCamera.open(n8n.baseUrl);
		try {
			const node = openFlag === '--open' && nodeName !== undefined && panelPng !== undefined ? { name: nodeName, png: panelPng } : undefined;
			await camera.photograph(id, canvasPng, node);
		} finally {
			await camera.close();
		}
	} finally {
		await n8n.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
