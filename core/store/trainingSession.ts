import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

import { databaseError, inWriteTransaction, openModelDatabase } from './database';
import { publishFolder } from './durableFolder';
import { storeWriteError } from './errors';
import { versionFolderName, versionOfFolder, type StoreLayout } from './layout';
import {
	insertVersion,
	readModelRow,
	readTrainingData,
	readVersion,
	readVersions,
	setPromotedVersion,
	type TrainingData,
	type VersionRecord,
} from './records';
import { TrainingLock, type LockWaitOptions } from './trainingLock';

/** Why a candidate the gate promoted was not: the version it was compared with is no longer the promoted one. */
function pointerMovedReason(comparedWith: number | undefined, promoted: number | undefined, gateReason: string): string {
	return (
		`the promoted version changed from ${comparedWith ?? 'none'} to ${promoted ?? 'none'} while this retrain ran (a rollback), ` +
		`so the candidate, judged against version ${comparedWith ?? 'none'}, was not promoted; run Retrain again to judge a new one against ` +
		`version ${promoted ?? 'none'} (the gate had said: ${gateReason})`
	);
}

/**
 * One retrain of one model, holding its training lock from start to `close()`: reads the data,
 * numbers the next version, publishes its folder atomically and commits it (promoted or refused)
 * while the lock is verifiably still held.
 */
export class TrainingSession {
	private constructor(
		private readonly layout: StoreLayout,
		readonly model: string,
		private readonly path: string,
		private readonly database: DatabaseSync,
		private readonly lock: TrainingLock,
	) {}

	static async open(layout: StoreLayout, model: string, path: string, wait: LockWaitOptions): Promise<TrainingSession> {
		const database = openModelDatabase(path);
		let lock: TrainingLock | undefined;
		try {
			lock = await TrainingLock.acquire(database, model, wait);
			const session = new TrainingSession(layout, model, path, database, lock);
			await session.removeUnfinishedVersions();
			return session;
		} catch (error) {
			try {
				lock?.release();
			} finally {
				database.close();
			}
			throw databaseError(path, error);
		}
	}

	/**
	 * A retrain killed mid-way leaves a temporary folder, or a renamed version folder whose row was
	 * never committed. Neither is named by any row, and only the lock holder writes there: remove them.
	 */
	private async removeUnfinishedVersions(): Promise<void> {
		const folder = this.layout.versionsFolder(this.model);
		const committed = new Set(readVersions(this.database).map((record) => record.folder));
		for (const entry of await readdir(folder).catch(() => [] as string[])) {
			if (committed.has(entry)) continue;
			if (entry.startsWith('.tmp-') || versionOfFolder(entry) !== undefined) {
				await rm(join(folder, entry), { recursive: true, force: true });
			}
		}
	}

	/** The training data as of now (feedback recorded later waits for the next retrain). */
	readData(): TrainingData {
		return this.run(() => readTrainingData(this.database, this.path));
	}

	/** The promoted version when the session reads it (undefined before the first). */
	promotedVersion(): number | undefined {
		return this.run(() => readModelRow(this.database, this.path).promoted_version ?? undefined);
	}

	/** The labels a committed version was trained on. */
	labelsOf(version: number): string[] | undefined {
		return this.run(() => readVersion(this.database, version)?.labels);
	}

	nextVersion(): number {
		return this.run(() => (this.database.prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM version').get() as { next: number }).next);
	}

	/**
	 * Writes a version's files with `write(folder)` into a temporary folder, then renames it to its
	 * final name. The folder is complete before any row names it.
	 */
	async writeVersionFolder(version: number, write: (folder: string) => Promise<void>): Promise<string> {
		const versions = this.layout.versionsFolder(this.model);
		const temporary = join(versions, `.tmp-${versionFolderName(version)}-${randomUUID().slice(0, 8)}`);
		try {
			await mkdir(temporary, { recursive: true });
			await write(temporary);
			const final = this.layout.versionFolder(this.model, version);
			await publishFolder(temporary, final);
			return final;
		} catch (error) {
			throw storeWriteError(this.model, versions, error);
		} finally {
			await rm(temporary, { recursive: true, force: true });
		}
	}

	/**
	 * Commits the version row, and moves the promoted pointer to it when the gate promoted it, in one
	 * transaction. The gate judged it against `comparedWith`: if a rollback moved the pointer since,
	 * the version is committed as refused, so the rollback stands. Returns the record as committed and
	 * the promoted version after the commit.
	 */
	commitVersion(record: VersionRecord, comparedWith: number | undefined): { committed: VersionRecord; promotedVersion: number } {
		return this.run(() =>
			inWriteTransaction(this.database, () => {
				this.lock.assertHeld();
				const promoted = readModelRow(this.database, this.path).promoted_version ?? undefined;
				const committed =
					record.decision === 'promoted' && promoted !== comparedWith
						? { ...record, decision: 'refused' as const, reason: pointerMovedReason(comparedWith, promoted, record.reason) }
						: record;
				insertVersion(this.database, committed);
				if (committed.decision === 'promoted') setPromotedVersion(this.database, committed.version, 'retrain');
				return { committed, promotedVersion: committed.decision === 'promoted' ? committed.version : (promoted ?? committed.version) };
			}),
		);
	}

	close(): void {
		try {
			this.lock.release();
		} finally {
			this.database.close();
		}
	}

	private run<T>(work: () => T): T {
		try {
			return work();
		} catch (error) {
			throw databaseError(this.path, error);
		}
	}
}
