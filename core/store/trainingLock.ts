import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';

import { inWriteTransaction } from './database';
import { ModelStoreError, TrainingInProgressError } from './errors';

/** A lock not renewed for this long is free: its holder hung or died on another host. */
export const LOCK_LEASE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const WAIT_POLL_MS = 200;

interface LockRow {
	owner: string;
	pid: number;
	host: string;
	acquired_at: number;
	expires_at: number;
}

/** Whether a process of this host exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** A killed holder on this host frees the lock at once; elsewhere its lease has to run out. */
function isStale(row: LockRow, now: number): boolean {
	return row.expires_at < now || (row.host === hostname() && !processAlive(row.pid));
}

export interface LockWaitOptions {
	/** Wait for a running retrain to finish instead of failing with TrainingInProgressError. */
	wait: boolean;
	/** Longest wait before TrainingInProgressError (with `wait`). */
	timeoutMs: number;
	signal?: AbortSignal;
}

/**
 * The training lock of one model: a row with the holder's pid, host and a lease renewed by a
 * heartbeat. Held from before the dataset is read until the version is committed.
 */
export class TrainingLock {
	private heartbeat: NodeJS.Timeout | undefined;
	private lost = false;

	private constructor(
		private readonly database: DatabaseSync,
		private readonly owner: string,
	) {}

	static async acquire(database: DatabaseSync, model: string, options: LockWaitOptions): Promise<TrainingLock> {
		const owner = randomUUID();
		const deadline = Date.now() + options.timeoutMs;
		for (;;) {
			options.signal?.throwIfAborted();
			const holder = inWriteTransaction(database, () => {
				const now = Date.now();
				const row = database.prepare('SELECT * FROM training_lock WHERE id = 1').get() as LockRow | undefined;
				if (row && !isStale(row, now)) return row;
				database
					.prepare(
						'INSERT OR REPLACE INTO training_lock (id, owner, pid, host, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?)',
					)
					.run(owner, process.pid, hostname(), now, now + LOCK_LEASE_MS);
				return undefined;
			});
			if (holder === undefined) {
				const lock = new TrainingLock(database, owner);
				lock.startHeartbeat();
				return lock;
			}
			if (!options.wait || Date.now() >= deadline) {
				throw new TrainingInProgressError(model, { pid: holder.pid, host: holder.host, since: new Date(holder.acquired_at) });
			}
			await sleep(WAIT_POLL_MS, undefined, { signal: options.signal });
		}
	}

	private startHeartbeat(): void {
		this.heartbeat = setInterval(() => {
			try {
				this.renew();
			} catch {
				// A busy database skips one beat; the lease outlasts several.
			}
		}, HEARTBEAT_MS);
		this.heartbeat.unref();
	}

	private renew(): void {
		const { changes } = this.database
			.prepare('UPDATE training_lock SET expires_at = ? WHERE id = 1 AND owner = ?')
			.run(Date.now() + LOCK_LEASE_MS, this.owner);
		if (changes === 0) this.lost = true;
	}

	/** Call inside the write transaction that commits the work the lock protects. */
	assertHeld(): void {
		const row = this.database.prepare('SELECT owner FROM training_lock WHERE id = 1').get() as { owner: string } | undefined;
		if (this.lost || row?.owner !== this.owner) {
			throw new ModelStoreError(
				`The training lock was lost (not renewed for ${LOCK_LEASE_MS / 1000} s, so another retrain took it); this retrain's version was not committed`,
			);
		}
	}

	release(): void {
		clearInterval(this.heartbeat);
		this.database.prepare('DELETE FROM training_lock WHERE id = 1 AND owner = ?').run(this.owner);
	}
}
