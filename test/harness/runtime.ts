import { Container } from '@n8n/di';
import {
	BinaryDataService,
	InstanceSettings,
	LazyPackageDirectoryLoader,
	PackageDirectoryLoader,
	type DirectoryLoader,
} from 'n8n-core';
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository root: its package.json is the community package n8n would install. */
export const PACKAGE_ROOT = path.resolve(__dirname, '../..');

/** Node types resolved the way n8n resolves them: `<package name>.<node name>`. */
class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loaders: Map<string, DirectoryLoader>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const [packageName, name] = splitType(nodeType);
		const loader = this.loaders.get(packageName);
		if (!loader) {
			throw new Error(
				`Node type "${nodeType}": package "${packageName}" is not loaded (loaded: ${[...this.loaders.keys()].join(', ')})`,
			);
		}
		return loader.getNode(name).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const [packageName, loader] of this.loaders) {
			for (const [name, details] of Object.entries(loader.known.nodes)) {
				known[`${packageName}.${name}`] = details;
			}
		}
		return known;
	}
}

/** Credential types of all loaded packages (credential type names are global in n8n). */
export class PackageCredentialTypes implements ICredentialTypes {
	constructor(private readonly loaders: Map<string, DirectoryLoader>) {}

	recognizes(credentialType: string): boolean {
		return this.loaderFor(credentialType) !== undefined;
	}

	getByName(credentialType: string): ICredentialType {
		const loader = this.loaderFor(credentialType);
		if (!loader) throw new Error(`Unknown credential type "${credentialType}"`);
		return loader.getCredential(credentialType).type;
	}

	getSupportedNodes(credentialType: string): string[] {
		const loader = this.loaderFor(credentialType);
		if (!loader) return [];
		const supported = loader.known.credentials[credentialType].supportedNodes ?? [];
		return supported.map((name) => `${loader.packageName}.${name}`);
	}

	getParentTypes(credentialType: string): string[] {
		const parents = this.recognizes(credentialType) ? (this.getByName(credentialType).extends ?? []) : [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	private loaderFor(credentialType: string): DirectoryLoader | undefined {
		return [...this.loaders.values()].find((loader) => credentialType in loader.known.credentials);
	}
}

export interface HarnessRuntime {
	nodeTypes: INodeTypes;
	credentialTypes: PackageCredentialTypes;
	/** N8N_USER_FOLDER: a temporary folder per process (shared by the test files one jest worker runs). */
	userFolder: string;
}

let runtime: Promise<HarnessRuntime> | undefined;

/** Sets up n8n-core once per module registry (one jest test file): the loaders require every node file. */
export function getRuntime(): Promise<HarnessRuntime> {
	runtime ??= createRuntime();
	return runtime;
}

async function createRuntime(): Promise<HarnessRuntime> {
	assertPackageBuilt(PACKAGE_ROOT);
	assertSingleContainer();
	// n8n-core reads its configuration from the environment when a service is first resolved.
	const userFolder = prepareUserFolder();
	process.env.N8N_USER_FOLDER = userFolder;
	// `default` keeps binary data in memory (base64 in the item), as n8n does without a binary store.
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'default';
	// Node errors are in the run result; n8n would also log each one. N8N_LOG_LEVEL=debug shows n8n's logs.
	process.env.N8N_LOG_LEVEL ??= 'silent';
	Container.get(InstanceSettings);
	await Container.get(BinaryDataService).init();

	const ourPackage = new PackageDirectoryLoader(PACKAGE_ROOT);
	// n8n-nodes-base ships a prebuilt index (dist/known, dist/types): its nodes load on first use.
	const basePackage = new LazyPackageDirectoryLoader(
		path.dirname(require.resolve('n8n-nodes-base/package.json')),
	);
	const loaders = new Map<string, DirectoryLoader>();
	for (const loader of [ourPackage, basePackage]) {
		await loader.loadAll();
		loaders.set(loader.packageName, loader);
	}
	return {
		nodeTypes: new PackageNodeTypes(loaders),
		credentialTypes: new PackageCredentialTypes(loaders),
		userFolder,
	};
}

/**
 * n8n-core, its @n8n/* helpers and n8n-nodes-base register services in @n8n/di's module-level
 * registry: a second copy of @n8n/di means a second, empty container. The exact @n8n/di and
 * @n8n/config devDependencies keep npm from nesting copies under each of them.
 */
function assertSingleContainer(): void {
	const expected = require.resolve('@n8n/di');
	for (const dependent of ['n8n-core', '@n8n/backend-common', 'n8n-nodes-base']) {
		const dependentDir = path.dirname(require.resolve(`${dependent}/package.json`));
		const resolved = require.resolve('@n8n/di', { paths: [dependentDir] });
		if (resolved !== expected) {
			throw new Error(
				`${dependent} uses its own copy of @n8n/di (${resolved}): align the @n8n/di devDependency with n8n-core's and reinstall`,
			);
		}
	}
}

const HARNESS_TMP = path.join(tmpdir(), 'n8n-nodes-support-ai-harness');

/**
 * One n8n user folder per process, reused by the test files that process runs one after another.
 * Jest workers end without an exit hook, so folders of processes that have ended are removed here.
 */
function prepareUserFolder(): string {
	mkdirSync(HARNESS_TMP, { recursive: true });
	for (const entry of readdirSync(HARNESS_TMP)) {
		if (!isRunningProcess(Number(entry))) rmSync(path.join(HARNESS_TMP, entry), { recursive: true, force: true });
	}
	const folder = path.join(HARNESS_TMP, String(process.pid));
	mkdirSync(folder, { recursive: true });
	return folder;
}

function isRunningProcess(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Throws, naming the files, when the node and credential files package.json lists are not built. */
export function assertPackageBuilt(packageRoot: string): void {
	const packageJson = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
		n8n: { nodes?: string[]; credentials?: string[] };
	};
	const files = [...(packageJson.n8n.nodes ?? []), ...(packageJson.n8n.credentials ?? [])];
	const missing = files.filter((file) => !existsSync(path.join(packageRoot, file)));
	if (missing.length > 0) {
		throw new Error(
			`The workflow harness loads the built package, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: run \`npm run build\` first.`,
		);
	}
}

function splitType(nodeType: string): [string, string] {
	const lastDot = nodeType.lastIndexOf('.');
	return [nodeType.slice(0, lastDot), nodeType.slice(lastDot + 1)];
}
