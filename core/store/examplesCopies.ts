import { randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

import { MAX_LOADED_MODELS } from '../model/textClassifier';
import { removeAbandonedCreations } from './durableFolder';

/*
 * Intent Classify keeps the model it trains from typed examples in `examples/<fingerprint>/` of a store,
 * and every edit of the examples makes another (about 2 MB). A copy is derived from the node's
 * parameters alone: deleted, it is trained again (about a second) the next time it is used. So copies
 * nobody uses are deleted, keeping
 * - the 32 most recently used, as many models as a process keeps loaded: a few dozen workflows with
 *   typed examples never retrain because of each other (about 70 MB), and
 * - every copy used in the last day, however many: a workflow that runs daily keeps its copy, and a copy
 *   another process is loading right now (its use is recorded before it loads) is far inside that day.
 * A day of edits is what piles up beyond the 32; older copies go at the next creation.
 */
export const KEPT_EXAMPLES_COPIES = MAX_LOADED_MODELS;
export const EXAMPLES_COPY_IDLE_MS = 24 * 60 * 60_000;

const COPY_FOLDER = /^[0-9a-f]{16}$/;
// A copy is renamed before it is deleted: a reader finds the whole copy or none.
const DELETION_PREFIX = '.deleting-';

/**
 * Records that the copy in `folder` is used now, as the folder's mtime (nothing else changes it: its
 * files are written once, before it gets its name). Nothing is recorded where the store cannot be
 * written or the copy is gone.
 */
export async function markExamplesCopyUsed(folder: string): Promise<void> {
	const now = new Date();
	await utimes(folder, now, now).catch(() => undefined);
}

export interface PruneExamplesCopiesOptions {
	/** Folders of copies this process has loaded or is loading: kept whenever they were last used. */
	inUse?: ReadonlySet<string>;
	/** Milliseconds since the epoch (tests). */
	now?: number;
}

/**
 * Deletes the copies in `examplesFolder` beyond the policy above, the leftovers of deletions and of
 * creations whose process was killed; returns the deleted copies' fingerprints. A copy that cannot be
 * deleted (read-only store, another process deleting it) is left as it is. One that another process
 * starts to use between the check and the rename finds no copy there and trains it again.
 */
export async function pruneExamplesCopies(examplesFolder: string, options: PruneExamplesCopiesOptions = {}): Promise<string[]> {
	const now = options.now ?? Date.now();
	await removeAbandonedCreations(examplesFolder);
	const copies: Array<{ name: string; lastUsed: number }> = [];
	for (const entry of await readdir(examplesFolder)) {
		const path = join(examplesFolder, entry);
		if (entry.startsWith(DELETION_PREFIX)) await rm(path, { recursive: true, force: true }).catch(() => undefined);
		if (!COPY_FOLDER.test(entry)) continue;
		const lastUsed = await stat(path).then(
			(info) => info.mtimeMs,
			() => undefined,
		);
		if (lastUsed !== undefined) copies.push({ name: entry, lastUsed });
	}
	copies.sort((a, b) => b.lastUsed - a.lastUsed);
	const deleted: string[] = [];
	for (const { name, lastUsed } of copies.slice(KEPT_EXAMPLES_COPIES)) {
		const copy = join(examplesFolder, name);
		if (lastUsed >= now - EXAMPLES_COPY_IDLE_MS || options.inUse?.has(copy)) continue;
		const doomed = join(examplesFolder, `${DELETION_PREFIX}${name}-${randomUUID().slice(0, 8)}`);
		const renamed = await rename(copy, doomed).then(
			() => true,
			() => false,
		);
		if (!renamed) continue;
		deleted.push(name);
		await rm(doomed, { recursive: true, force: true }).catch(() => undefined);
	}
	return deleted;
}
