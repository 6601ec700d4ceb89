/**
 * Headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) logged into a running n8n as the
 * owner, taking pictures of workflows in the editor. Used by the template e2e test and by
 * scripts/screenshots.ts (README pictures).
 */
import { existsSync } from 'node:fs';

import { chromium, type Browser, type BrowserContext } from 'playwright-core';

import { OWNER } from './n8nClient';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class EditorCamera {
	private constructor(
		private readonly browser: Browser,
		private readonly context: BrowserContext,
		private readonly baseUrl: string,
	) {}

	static async open(baseUrl: string): Promise<EditorCamera> {
		if (!existsSync(CHROMIUM_PATH)) {
			throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
		}
		const browser = await chromium.launch({
			executablePath: CHROMIUM_PATH,
			// This machine's network is closed: no background services, sync or component updates.
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		try {
			const context = await browser.newContext({ viewport: { width: 1440, height: 820 }, deviceScaleFactor: 1 });
			const login = await context.request.post(`${baseUrl}/rest/login`, {
				data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
			});
			if (!login.ok()) throw new Error(`n8n login failed: ${login.status()}`);
			return new EditorCamera(browser, context, baseUrl);
		} catch (error) {
			await browser.close();
			throw error;
		}
	}

	/**
	 * Opens workflow `id` in the editor, waits for its canvas and saves it to `canvasPng`; with `node`,
	 * also opens that node's parameter panel and saves it to `node.png`. Returns the canvas's node names.
	 */
	async photograph(id: string, canvasPng: string, node?: { name: string; png: string }): Promise<string[]> {
		const page = await this.context.newPage();
		try {
			await page.goto(`${this.baseUrl}/workflow/${id}`);
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			// The canvas fits the view after its nodes render; let that animation finish.
			await page.waitForTimeout(2500);
			await page.screenshot({ path: canvasPng });
			const names = await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
				elements.map((element) => element.getAttribute('data-node-name') ?? ''),
			);
			if (node !== undefined) {
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`).dblclick();
				await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
				await page.waitForTimeout(2000);
				await page.screenshot({ path: node.png });
			}
			return names;
		} finally {
			await page.close();
		}
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}
