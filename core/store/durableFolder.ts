import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { creationFolderOwner } from './layout';
import { processAlive } from './trainingLock';

const ABANDONED_CREATION_MS = 60 * 60_000;

async function fsyncPath(path: string): Promise<void> {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
 * Makes a folder written under a temporary name durable, then gives it its final name in one rename:
 * readers see either no folder or the complete one, even after a crash or power loss.
 */
export async function publishFolder(temporary: string, final: string): Promise<void> {
	for (const entry of await readdir(temporary, { withFileTypes: true })) {
		if (entry.isFile()) await fsyncPath(join(temporary, entry.name));
	}
	await fsyncPath(temporary);
	await rename(temporary, final);
	await fsyncPath(dirname(final));
}

/**
 * Removes the folders in `parent` of creations whose process was killed: on this host when that process
 * is gone, whatever host when an hour old (a creation takes seconds). Others are being created now.
 */
export async function removeAbandonedCreations(parent: string): Promise<void> {
	for (const entry of await readdir(parent)) {
		const owner = creationFolderOwner(entry);
		if (owner === undefined) continue;
		const path = join(parent, entry);
		const modified = await stat(path).then(
			(info) => info.mtimeMs,
			() => undefined,
		);
		if (modified === undefined) continue; // renamed or removed meanwhile
		const ownerGone = owner.pid !== undefined && !processAlive(owner.pid);
		if (ownerGone || modified < Date.now() - ABANDONED_CREATION_MS) await rm(path, { recursive: true, force: true });
	}
}
