import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { HelpdeskStandIn, pointTemplateAtStandIns, STAND_IN_URL_VARIABLES } from './helpdeskStandIn';
import { N8nInstance, REPO_ROOT } from './n8nInstance';

const E2E_WORKFLOWS = join(REPO_ROOT, 'test/e2e/workflows');
const TEMPLATES = join(REPO_ROOT, 'workflows');
/** Credentials the templates reference by name, with test secrets (see credentials.e2e.json). */
const E2E_CREDENTIALS = join(REPO_ROOT, 'test/e2e/credentials.e2e.json');

const jsonFiles = async (folder: string) =>
	(await readdir(folder)).filter((name) => name.endsWith('.json')).map((name) => join(folder, name));

/** Starts the Zendesk and Freshdesk stand-ins and writes copies of the templates whose helpdesk base URL points at them. */
async function templatesOnStandIns(): Promise<string[]> {
	const standIns = await Promise.all((['zendesk', 'freshdesk'] as const).map(async (kind) => await HelpdeskStandIn.start(kind)));
	(globalThis as { supportAiHelpdesks?: HelpdeskStandIn[] }).supportAiHelpdesks = standIns;
	for (const standIn of standIns) process.env[STAND_IN_URL_VARIABLES[standIn.kind]] = standIn.url;
	const folder = await mkdtemp(join(tmpdir(), 'support-ai-templates-'));
	(globalThis as { supportAiTemplateCopies?: string }).supportAiTemplateCopies = folder;
	return await Promise.all(
		(await jsonFiles(TEMPLATES)).map(async (file) => {
			const copy = join(folder, basename(file));
			await writeFile(copy, JSON.stringify(pointTemplateAtStandIns(JSON.parse(await readFile(file, 'utf8')), standIns)));
			return copy;
		}),
	);
}

/** Starts one n8n with every e2e workflow and template imported and published; tests read N8N_E2E_URL. */
export default async function globalSetup(): Promise<void> {
	const files = [...(await jsonFiles(E2E_WORKFLOWS)), ...(await templatesOnStandIns())];
	const ids = await Promise.all(files.map(async (file) => (JSON.parse(await readFile(file, 'utf8')) as { id: string }).id));
	const started = Date.now();
	const n8n = await N8nInstance.start({ workflows: files, publish: ids, credentials: [E2E_CREDENTIALS] });
	process.stderr.write(`\ne2e: n8n ready at ${n8n.baseUrl} in ${Math.round((Date.now() - started) / 1000)} s\n`);
	process.env.N8N_E2E_URL = n8n.baseUrl;
	process.env.N8N_E2E_USER_FOLDER = n8n.userFolder;
	(globalThis as { supportAiN8n?: N8nInstance }).supportAiN8n = n8n;
}
