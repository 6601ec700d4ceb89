import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { DatabaseSync } from 'node:sqlite';

import { SUPPORT_EXAMPLES, temporaryStoreFolder } from '../../test/store/supportExamples';
import { openModelDatabase } from './database';
import { TrainingInProgressError } from './errors';
import { openModelStore } from './modelStore';
import { LOCK_LEASE_MS, TrainingLock } from './trainingLock';

let database: DatabaseSync;
let remove: () => Promise<void>;

beforeEach(async () => {
	const temporary = temporaryStoreFolder();
	remove = temporary.remove;
	const store = openModelStore(temporary.folder);
	await store.createModel('support', SUPPORT_EXAMPLES, { source: 'support.csv' });
	database = openModelDatabase(store.layout.database('support'));
});
afterEach(async () => {
	database.close();
	await remove();
});

const failFast = { wait: false, timeoutMs: 0 };
const holdLock = (pid: number, host: string, expiresAt: number) =>
	database
		.prepare('INSERT OR REPLACE INTO training_lock (id, owner, pid, host, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?)')
		.run('someone-else', pid, host, Date.now() - 1000, expiresAt);

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

it('refuses a second holder with the first holder named', async () => {
	const lock = await TrainingLock.acquire(database, 'support', failFast);
	const second = TrainingLock.acquire(database, 'support', failFast);
	await expect(second).rejects.toBeInstanceOf(TrainingInProgressError);
	await expect(second).rejects.toThrow(`is being retrained by process ${process.pid} on `);
	lock.release();
	(await TrainingLock.acquire(database, 'support', failFast)).release();
});

it('hands the lock to a waiter when it is released, and gives up after the wait timeout', async () => {
	const lock = await TrainingLock.acquire(database, 'support', failFast);
	await expect(TrainingLock.acquire(database, 'support', { wait: true, timeoutMs: 300 })).rejects.toBeInstanceOf(TrainingInProgressError);
	const waiting = TrainingLock.acquire(database, 'support', { wait: true, timeoutMs: 10_000 });
	setTimeout(() => lock.release(), 300);
	(await waiting).release();
});

it('takes over at once from a killed holder on this host', async () => {
	holdLock(deadPid(), hostname(), Date.now() + LOCK_LEASE_MS);
	(await TrainingLock.acquire(database, 'support', failFast)).release();
});

it('waits out the lease of a holder on another host, then takes over', async () => {
	holdLock(process.pid, 'other-host', Date.now() + LOCK_LEASE_MS);
	await expect(TrainingLock.acquire(database, 'support', failFast)).rejects.toThrow('by process');
	holdLock(process.pid, 'other-host', Date.now() - 1);
	(await TrainingLock.acquire(database, 'support', failFast)).release();
});

it('lets a holder whose lock was taken over know before it commits', async () => {
	const lock = await TrainingLock.acquire(database, 'support', failFast);
	holdLock(process.pid, 'other-host', Date.now() + LOCK_LEASE_MS);
	expect(() => lock.assertHeld()).toThrow('The training lock was lost');
	lock.release();
	// Releasing a lost lock leaves the new holder's row alone.
	expect(database.prepare('SELECT host FROM training_lock').get()).toEqual({ host: 'other-host' });
});
