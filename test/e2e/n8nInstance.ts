/**
 * A real n8n (2.40.x, Node 24) with this package installed the way n8n's community-package installer
 * installs it, started on 127.0.0.1 with a throwaway user folder. Used by the e2e tests and by
 * `npm start` (scripts/start.ts).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { waitFor } from '../support/waitFor';
import { N8nClient, NO_KEEP_ALIVE } from './n8nClient';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-support-ai';

export interface N8nStartOptions {
	/** Workflow JSON files to import before start (each with a fixed `id`). */
	workflows: string[];
	/** Credential JSON files (n8n export format, `data` in clear) to import before the workflows. */
	credentials?: string[];
	/** Ids of imported workflows to publish (activate) so their production webhooks answer. */
	publish?: string[];
	/** Fixed port (default: a free one). */
	port?: number;
	/** Keep the user folder after stop (default: removed). */
	userFolder?: string;
	/** Extra environment for the n8n process. */
	env?: Record<string, string>;
	/** Where n8n's output goes; default: kept in memory and shown when start fails. */
	onOutput?: (chunk: string) => void;
}

async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const address = server.address();
	server.close();
	if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
	return address.port;
}

async function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
	try {
		return await execFileAsync(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
	} catch (error) {
		const { stdout, stderr } = error as { stdout?: string; stderr?: string };
		throw new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout ?? ''}\n${stderr ?? ''}`);
	}
}

/** Path of the cached n8n entry script; installs n8n on first use (test/e2e/install-n8n.sh). */
export async function ensureN8nInstalled(): Promise<string> {
	const { stdout } = await run('bash', [join(REPO_ROOT, 'test/e2e/install-n8n.sh')], { cwd: REPO_ROOT });
	return stdout.trim().split('\n').pop()!;
}

/** `npm pack` of the built package (dist/ must exist). */
export async function packPackage(destination: string): Promise<string> {
	await mkdir(destination, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: REPO_ROOT });
	const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
	return join(destination, filename);
}

/**
 * Installs a package tarball into `<userFolder>/.n8n/nodes` as n8n's CommunityPackagesService does:
 * unpack into node_modules/<name>, drop dev/peer/optional dependencies from its package.json, run
 * `npm install --ignore-scripts …` inside it, and record it in nodes/package.json.
 */
export async function installCommunityPackage(userFolder: string, tarball: string): Promise<void> {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const packageFolder = join(nodesFolder, 'node_modules', PACKAGE_NAME);
	await rm(packageFolder, { recursive: true, force: true });
	await mkdir(packageFolder, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageFolder, '--strip-components=1']);

	const manifestPath = join(packageFolder, 'package.json');
	const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
	await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageFolder },
	);
	await writeFile(
		join(nodesFolder, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2),
	);
}

export class N8nInstance {
	private output = '';
	readonly client: N8nClient;

	private constructor(
		readonly baseUrl: string,
		readonly userFolder: string,
		private readonly n8nBin: string,
		private readonly env: NodeJS.ProcessEnv,
		private readonly process: ChildProcess,
		private readonly keepUserFolder: boolean,
	) {
		this.client = new N8nClient(baseUrl);
	}

	static environment(userFolder: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		// Jest's NODE_ENV=test and worker variables change how n8n behaves: start it as a user would.
		const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JEST')));
		return {
			...inherited,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
			N8N_ENCRYPTION_KEY: 'support-ai-local-only-encryption-key',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
			DB_TYPE: 'sqlite',
			...extra,
		};
	}

	/** Imports and publishes the workflows, starts n8n, waits until it serves, and creates the owner. */
	static async start(options: N8nStartOptions): Promise<N8nInstance> {
		const n8nBin = await ensureN8nInstalled();
		const userFolder = options.userFolder ?? (await mkdtemp(join(tmpdir(), 'support-ai-n8n-')));
		const port = options.port ?? (await freePort());
		// The Code node's task runner talks to a broker on its own port: a free one, so that several n8n can run side by side.
		const env = N8nInstance.environment(userFolder, port, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...options.env });

		const tarball = await packPackage(join(userFolder, 'pack'));
		await installCommunityPackage(userFolder, tarball);

		const cli = (args: string[]) => run(process.execPath, [n8nBin, ...args], { env, cwd: userFolder });
		for (const credential of options.credentials ?? []) await cli(['import:credentials', `--input=${resolve(credential)}`]);
		for (const workflow of options.workflows) await cli(['import:workflow', `--input=${resolve(workflow)}`]);
		for (const id of options.publish ?? []) await cli(['publish:workflow', `--id=${id}`]);

		const child = spawn(process.execPath, [n8nBin, 'start'], { env, cwd: userFolder, stdio: ['ignore', 'pipe', 'pipe'] });
		const instance = new N8nInstance(`http://127.0.0.1:${port}`, userFolder, n8nBin, env, child, options.userFolder !== undefined);
		const collect = (chunk: Buffer) => {
			const text = chunk.toString();
			instance.output += text;
			options.onOutput?.(text);
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);

		try {
			await instance.waitUntilReady();
			await instance.client.setupOwner();
			for (const id of options.publish ?? []) await instance.waitUntilPublished(id);
		} catch (error) {
			await instance.stop();
			throw new Error(`n8n did not start: ${error.message}\n--- n8n output ---\n${instance.output.slice(-8000)}`);
		}
		return instance;
	}

	get logs(): string {
		return this.output;
	}

	/** Runs an n8n CLI command against this instance's user folder and database. */
	async cli(args: string[]) {
		return await run(process.execPath, [this.n8nBin, ...args], { env: this.env, cwd: this.userFolder });
	}

	private async waitUntilReady(timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.process.exitCode !== null) throw new Error(`n8n exited with code ${this.process.exitCode}`);
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`, { headers: NO_KEEP_ALIVE });
				if (response.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolveDelay) => setTimeout(resolveDelay, 500));
		}
		throw new Error(`n8n not ready after ${timeoutMs} ms`);
	}

	/**
	 * n8n 2.x publishes workflows in the background after it reports ready (their production webhooks
	 * answer 404 until then): waits until a published workflow's triggers are live, or fails with why not.
	 */
	private async waitUntilPublished(id: string, timeoutMs = 180_000): Promise<void> {
		await waitFor(`workflow ${id} to be published`, timeoutMs, async () => {
			const { status, triggers } = await this.client.publicationStatus(id);
			if (status === 'failed' || status === 'partial') {
				throw new Error(`workflow ${id} was not published: ${triggers.map((trigger) => trigger.errorMessage).join('; ')}`);
			}
			return status === 'published' ? true : undefined;
		});
	}

	async stop(): Promise<void> {
		if (this.process.exitCode === null && this.process.signalCode === null) {
			this.process.kill('SIGTERM');
			const exited = once(this.process, 'exit');
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise((resolveDelay) => (timer = setTimeout(resolveDelay, 20_000)));
			await Promise.race([exited, timeout]);
			// A pending timer would keep jest (and `npm start`) alive for the rest of the 20 s.
			clearTimeout(timer);
			if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
		}
		if (!this.keepUserFolder) await rm(this.userFolder, { recursive: true, force: true });
	}
}
