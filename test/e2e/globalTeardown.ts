import { rm } from 'node:fs/promises';

import type { HelpdeskStandIn } from './helpdeskStandIn';
import type { N8nInstance } from './n8nInstance';

export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as { supportAiN8n?: N8nInstance }).supportAiN8n;
	if (n8n !== undefined) await n8n.stop();
	for (const standIn of (globalThis as { supportAiHelpdesks?: HelpdeskStandIn[] }).supportAiHelpdesks ?? []) await standIn.stop();
	const templateCopies = (globalThis as { supportAiTemplateCopies?: string }).supportAiTemplateCopies;
	if (templateCopies !== undefined) await rm(templateCopies, { recursive: true, force: true });
}
