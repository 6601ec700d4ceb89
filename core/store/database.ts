import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

import { ModelStoreError } from './errors';

/** Bumped when the tables change; a database of another version is refused with a clear error. */
const SCHEMA_VERSION = 1;

// The base training set and every feedback record are rows; the promoted pointer is one column of the
// single `model` row, so promoting or rolling back is one UPDATE in one transaction. Version folders
// are named by `version.folder` rows, committed only after the folder is complete.
const SCHEMA = `
CREATE TABLE model (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT NOT NULL,
	created_at TEXT NOT NULL,
	source TEXT NOT NULL,
	oos_label TEXT,
	held_out_fraction REAL NOT NULL CHECK (held_out_fraction >= 0 AND held_out_fraction < 1),
	promoted_version INTEGER REFERENCES version (number)
);
CREATE TABLE base_example (
	position INTEGER PRIMARY KEY,
	text TEXT NOT NULL CHECK (length(trim(text)) > 0),
	label TEXT NOT NULL CHECK (length(trim(label)) > 0),
	text_key TEXT NOT NULL,
	held_out INTEGER NOT NULL CHECK (held_out IN (0, 1))
);
CREATE TABLE feedback (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	text TEXT NOT NULL CHECK (length(trim(text)) > 0),
	text_key TEXT NOT NULL,
	predicted_label TEXT,
	correct_label TEXT NOT NULL CHECK (length(trim(correct_label)) > 0),
	rating REAL,
	agent TEXT,
	channel TEXT,
	conversation_id TEXT,
	recorded_at TEXT NOT NULL
);
CREATE TABLE version (
	number INTEGER PRIMARY KEY,
	folder TEXT NOT NULL,
	created_at TEXT NOT NULL,
	decision TEXT NOT NULL CHECK (decision IN ('promoted', 'refused')),
	reason TEXT NOT NULL,
	labels TEXT NOT NULL,
	training_examples INTEGER NOT NULL,
	feedback_through INTEGER NOT NULL,
	held_out_metrics TEXT,
	training_seconds REAL NOT NULL
);
CREATE TABLE promotion (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	version INTEGER NOT NULL REFERENCES version (number),
	action TEXT NOT NULL CHECK (action IN ('retrain', 'rollback')),
	at TEXT NOT NULL
);
CREATE TABLE training_lock (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	owner TEXT NOT NULL,
	pid INTEGER NOT NULL,
	host TEXT NOT NULL,
	acquired_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
PRAGMA user_version = ${SCHEMA_VERSION};
`;

/** How long a statement waits for another process's write transaction before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

// SQLite result codes that mean the file itself is damaged or is not a database.
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
const SQLITE_BUSY = 5;
const SQLITE_FULL = 13;

/** A SQLite failure as a ModelStoreError naming the database file and what to do; other errors as they are. */
export function databaseError(path: string, error: unknown): Error {
	if ((error as { code?: string }).code !== 'ERR_SQLITE_ERROR') return error as Error;
	const code = (error as { errcode?: number }).errcode;
	const detail = (error as Error).message;
	if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) {
		return new ModelStoreError(
			`The model database ${path} is damaged (${detail}). Other models are not affected; restore this file ` +
				'from a backup, or delete the model folder and create the model again from an exported dataset.',
		);
	}
	if (code === SQLITE_FULL) {
		return new ModelStoreError(`The disk holding the model database ${path} is full (${detail}): free space there, then run it again`);
	}
	if (code === SQLITE_BUSY) {
		return new ModelStoreError(`The model database ${path} stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s`);
	}
	return new ModelStoreError(`Model database ${path}: ${detail}`);
}

function configure(database: DatabaseSync): void {
	// WAL: readers (Intent Classify) never wait for a writer; FULL: a commit is on disk when it returns.
	database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
}

/** Creates the database of a new model with its tables (the file must not exist yet). */
export function createModelDatabase(path: string): DatabaseSync {
	try {
		const database = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
		configure(database);
		database.exec(`BEGIN; ${SCHEMA} COMMIT;`);
		return database;
	} catch (error) {
		throw databaseError(path, error);
	}
}

/** The database, once its settings are made and its schema version is checked (closed when that fails). */
function configuredAndChecked(database: DatabaseSync, path: string, settings?: (database: DatabaseSync) => void): DatabaseSync {
	let checked = false;
	try {
		settings?.(database);
		const { user_version: version } = database.prepare('PRAGMA user_version').get() as { user_version: number };
		if (version !== SCHEMA_VERSION) {
			throw new ModelStoreError(
				`The model database ${path} has schema version ${version}; this package reads version ${SCHEMA_VERSION}`,
			);
		}
		checked = true;
		return database;
	} finally {
		if (!checked) database.close();
	}
}

/** Why the folder of `path` cannot be written (EROFS, EACCES, …), or undefined when it can. */
function unwritableFolder(path: string): string | undefined {
	try {
		accessSync(dirname(path), constants.W_OK);
		return undefined;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? String(error);
	}
}

/**
 * Opens a model database in a folder this process may not write (a read-only volume, another user's
 * folder), where SQLite cannot create the WAL side files. A normal open works there while a writer
 * elsewhere has the database open (the side files exist); when it fails no connection is open, so
 * every commit is in the database file itself, which is read as it is (immutable).
 */
function openImmutable(path: string): DatabaseSync {
	const url = pathToFileURL(path);
	url.searchParams.set('immutable', '1');
	return configuredAndChecked(new DatabaseSync(url, { readOnly: true }), path);
}

/**
 * Opens the database of an existing model; the caller checked the file exists. `read`: only to read,
 * which also works where the folder is not writable.
 */
export function openModelDatabase(path: string, purpose: 'read' | 'write' = 'write'): DatabaseSync {
	try {
		return configuredAndChecked(new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS }), path, configure);
	} catch (error) {
		const unwritable = unwritableFolder(path);
		if (unwritable === undefined || error instanceof ModelStoreError) throw databaseError(path, error);
		if (purpose === 'write') throw notWritable(path, unwritable);
		try {
			return openImmutable(path);
		} catch (readError) {
			throw databaseError(path, readError);
		}
	}
}

function notWritable(path: string, why: string): ModelStoreError {
	return new ModelStoreError(
		`The model database ${path} cannot be written: its folder is not writable (${why}). Record Feedback, Retrain, ` +
			"Roll Back and Create Model need write access to the model store: give n8n's user write access or mount it read-write",
	);
}

/**
 * Runs `work` in a write transaction taken up front (BEGIN IMMEDIATE), so two processes never both
 * read and then fail to upgrade to a write; rolled back when `work` throws.
 */
export function inWriteTransaction<T>(database: DatabaseSync, work: () => T): T {
	database.exec('BEGIN IMMEDIATE');
	let committed = false;
	try {
		const result = work();
		database.exec('COMMIT');
		committed = true;
		return result;
	} finally {
		if (!committed && database.isTransaction) database.exec('ROLLBACK');
	}
}

/** Runs `work` in a read transaction: every query inside sees the same snapshot. */
export function inReadTransaction<T>(database: DatabaseSync, work: () => T): T {
	database.exec('BEGIN');
	try {
		return work();
	} finally {
		if (database.isTransaction) database.exec('COMMIT');
	}
}
