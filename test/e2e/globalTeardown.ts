import type { N8nInstance } from './n8nInstance';

export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as { supportAiN8n?: N8nInstance }).supportAiN8n;
	if (n8n !== undefined) await n8n.stop();
}
