/**
 * README pictures: a real n8n with this package, the workflows given on the command line imported, and
 * headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) taking screenshots of the editor:
 * the whole workflow, and the node named by --open with its parameter panel.
 *   npx tsx scripts/screenshots.ts <workflow.json> <out.png> [--open "Node Name" <panel.png>]
 */
import { readFile } from 'node:fs/promises';

import { chromium } from 'playwright-core';

import { OWNER } from '../test/e2e/n8nClient';
import { N8nInstance } from '../test/e2e/n8nInstance';

async function main(): Promise<void> {
	const [workflowFile, canvasPng, openFlag, nodeName, panelPng] = process.argv.slice(2);
	if (workflowFile === undefined || canvasPng === undefined) throw new Error('usage: screenshots.ts <workflow.json> <out.png> [--open "Node" <panel.png>]');
	const { id } = JSON.parse(await readFile(workflowFile, 'utf8')) as { id: string };
	const n8n = await N8nInstance.start({ workflows: [workflowFile] });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		// This machine's network is closed: no background services, sync or component updates.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 820 }, deviceScaleFactor: 1 });
		const login = await context.request.post(`${n8n.baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
		const page = await context.newPage();
		await page.goto(`${n8n.baseUrl}/workflow/${id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		await page.waitForTimeout(2500);
		await page.screenshot({ path: canvasPng });
		if (openFlag === '--open' && nodeName !== undefined && panelPng !== undefined) {
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
			await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
			await page.waitForTimeout(2000);
			await page.screenshot({ path: panelPng });
		}
	} finally {
		await browser.close();
		await n8n.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
