/** `npm start`: a local n8n with this package, the templates imported, running until Ctrl-C. */
import { mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { OWNER } from '../test/e2e/n8nClient';
import { N8nInstance, REPO_ROOT } from '../test/e2e/n8nInstance';

async function main(): Promise<void> {
	const cache = process.env.SUPPORT_AI_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-support-ai');
	const userFolder = process.env.N8N_LOCAL_USER_FOLDER ?? join(cache, 'local-n8n');
	await mkdir(userFolder, { recursive: true });
	const templates = (await readdir(join(REPO_ROOT, 'workflows')).catch(() => [] as string[]))
		.filter((name) => name.endsWith('.json'))
		.map((name) => join(REPO_ROOT, 'workflows', name));

	process.stdout.write(`Starting n8n with n8n-nodes-support-ai (user folder ${userFolder}) …\n`);
	const n8n = await N8nInstance.start({
		workflows: templates,
		port: Number(process.env.PORT ?? 5678),
		userFolder,
		onOutput: (text) => process.stderr.write(text),
	});
	process.stdout.write(
		[
			'',
			`n8n is running: ${n8n.baseUrl}`,
			`Log in as ${OWNER.email} / ${OWNER.password}`,
			`Templates imported: ${templates.length}. Stop with Ctrl-C.`,
			'',
		].join('\n'),
	);
	const stop = () => void n8n.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
