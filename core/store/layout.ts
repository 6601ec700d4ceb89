import { createHash, randomUUID } from 'node:crypto';
import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';

import { ModelStoreError } from './errors';

/**
 * `<n8n user folder>/.n8n/support-ai`, following n8n's own rule: N8N_USER_FOLDER (or the home
 * folder) holds the `.n8n` folder.
 */
export function defaultModelStoreFolder(): string {
	const userFolder = process.env.N8N_USER_FOLDER?.trim() || homedir();
	return join(userFolder, '.n8n', 'support-ai');
}

// Letters of any script and digits, then also `.`, `_` and `-`: safe as a folder name everywhere.
const MODEL_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

export function checkModelName(name: string): string {
	if (typeof name !== 'string' || !MODEL_NAME.test(name)) {
		throw new ModelStoreError(
			`Invalid model name ${JSON.stringify(name)}: use 1–64 letters or digits, then also ".", "_" or "-" (no spaces or slashes)`,
		);
	}
	return name;
}

export const DATABASE_FILE = 'model.db';
const VERSION_FOLDER = /^v(\d{4,})$/;

// A model being created is built in `models/.creating-<name>-<host tag>-<pid>-<random>` and renamed.
// The host tag (the host name can hold any character) and pid say whose it is once its creator died.
const CREATION_PREFIX = '.creating-';
const CREATION_OWNER = /-([0-9a-f]{8})-(\d+)-[0-9a-f]{8}$/;
let hostTagCache: string | undefined;
const hostTag = (): string => (hostTagCache ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8));

/** A new, unique name for the folder a model is built in, owned by process `pid` of this host. */
export function creationFolderName(model: string, pid: number): string {
	return `${CREATION_PREFIX}${model}-${hostTag()}-${pid}-${randomUUID().slice(0, 8)}`;
}

/**
 * For the folder of a model being created, the process creating it when it is this host's (no pid:
 * another host's, or named by an older version of this package); undefined for any other folder.
 */
export function creationFolderOwner(folderName: string): { pid?: number } | undefined {
	if (!folderName.startsWith(CREATION_PREFIX)) return undefined;
	const owner = CREATION_OWNER.exec(folderName);
	return owner !== null && owner[1] === hostTag() ? { pid: Number(owner[2]) } : {};
}

/** Where the files of one model store live. */
export class StoreLayout {
	readonly root: string;

	constructor(root: string) {
		this.root = resolve(root);
	}

	get modelsFolder(): string {
		return join(this.root, 'models');
	}

	/** Intent Classify's copies of the models it trains from typed examples, one folder per fingerprint. */
	get examplesFolder(): string {
		return join(this.root, 'examples');
	}

	modelFolder(name: string): string {
		return join(this.modelsFolder, checkModelName(name));
	}

	database(name: string): string {
		return join(this.modelFolder(name), DATABASE_FILE);
	}

	versionsFolder(name: string): string {
		return join(this.modelFolder(name), 'versions');
	}

	versionFolder(name: string, version: number): string {
		return join(this.versionsFolder(name), versionFolderName(version));
	}
}

export const versionFolderName = (version: number): string => `v${String(version).padStart(4, '0')}`;

/** The version number a folder name stands for, or undefined for anything else (temporary folders). */
export function versionOfFolder(folderName: string): number | undefined {
	const match = VERSION_FOLDER.exec(folderName);
	return match ? Number(match[1]) : undefined;
}
