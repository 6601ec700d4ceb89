import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

import { requireSeveralLabels, type LabelledExample } from '../data/labelled';
import { createModelDatabase, databaseError, inReadTransaction, inWriteTransaction, openModelDatabase } from './database';
import { isHeldOut, textKey, type BaseExample } from './dataset';
import { publishFolder, removeAbandonedCreations } from './durableFolder';
import { ModelStoreError, storeWriteError } from './errors';
import { checkModelName, creationFolderName, DATABASE_FILE, defaultModelStoreFolder, StoreLayout } from './layout';
import {
	checkFeedback,
	readFeedbackRecords,
	readModelRow,
	readTrainingData,
	readVersion,
	readVersions,
	setPromotedVersion,
	type FeedbackInput,
	type FeedbackRecord,
	type TrainingData,
	type VersionRecord,
} from './records';
import { TrainingSession } from './trainingSession';
import type { LockWaitOptions } from './trainingLock';

export interface PromotedVersion {
	version: number;
	/** Absolute folder with model.onnx + model.json; never rewritten once committed. */
	modelDir: string;
}

export interface ModelInfo {
	name: string;
	createdAt: string;
	/** Where the base training set came from (e.g. the uploaded file's name). */
	source: string;
	oosLabel?: string;
	heldOutFraction: number;
	promotedVersion?: number;
	baseExamples: number;
	heldOutExamples: number;
	feedbackRecords: number;
}

export interface VersionInfo extends VersionRecord {
	modelDir: string;
	isPromoted: boolean;
}

export interface CreateModelOptions {
	/** Where the examples came from, kept for List Versions and exports. */
	source: string;
	/** The out-of-scope label in the data, if any: trained as a class and used for OOS metrics. */
	oosLabel?: string;
	/** Share of the base examples held out to compare versions (default 0.1). */
	heldOutFraction?: number;
	/**
	 * Examples held out as given (e.g. the test set a model was judged on) instead of a share of
	 * `examples`; then every one of `examples` trains and `heldOutFraction` is not used.
	 */
	heldOut?: readonly LabelledExample[];
}

export interface RecordedFeedback {
	id: number;
	recordedAt: string;
	/** The correct label is not among the promoted version's labels: the next retrain adds it. */
	isNewLabel: boolean;
}

export const DEFAULT_HELD_OUT_FRACTION = 0.1;
const MAX_HELD_OUT_FRACTION = 0.5;

async function isFile(path: string): Promise<boolean> {
	return await stat(path).then(
		(info) => info.isFile(),
		() => false,
	);
}

/**
 * The base examples with their held-out side, by the hash of their text. A label whose every example
 * hashes into the held-out split would never be trained: its texts stay in training.
 */
function splitBase(examples: readonly LabelledExample[], heldOutFraction: number): BaseExample[] {
	const rows = examples.map(({ text, label }) => {
		const key = textKey(text);
		return { text: text.trim(), label: label.trim(), key, heldOut: isHeldOut(key, heldOutFraction) };
	});
	const trainedLabels = new Set(rows.filter((row) => !row.heldOut).map((row) => row.label));
	const keptKeys = new Set(rows.filter((row) => row.heldOut && !trainedLabels.has(row.label)).map((row) => row.key));
	return rows.map((row) => (keptKeys.has(row.key) ? { ...row, heldOut: false } : row));
}

/**
 * Models, their training data, feedback and versions under one root folder. Each model is a folder
 * `models/<name>/` with its own SQLite database (`model.db`: base set, feedback, versions, promoted
 * pointer, training lock) and `versions/v0001/…` model folders. Every call opens the database and
 * closes it again, so every read is fresh and a long-running n8n holds no file open.
 */
export class ModelStore {
	readonly layout: StoreLayout;

	constructor(root: string) {
		this.layout = new StoreLayout(root);
	}

	get root(): string {
		return this.layout.root;
	}

	/** Model names, sorted; [] when nothing was created yet (creates nothing). */
	async listModels(): Promise<string[]> {
		const entries = await readdir(this.layout.modelsFolder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return [];
			throw error;
		});
		const names: string[] = [];
		for (const entry of entries) {
			if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
			if (await isFile(join(this.layout.modelsFolder, entry.name, DATABASE_FILE))) names.push(entry.name);
		}
		return names.sort();
	}

	/** The promoted version, read fresh from the database; its folder is checked to be complete. */
	async promotedVersion(name: string): Promise<PromotedVersion> {
		const { version } = await this.withModel(name, 'read', (database, path) => {
			const { promoted_version: promoted } = readModelRow(database, path);
			if (promoted === null) {
				throw new ModelStoreError(`Model "${name}" has no promoted version yet: run Retrain (its first training may still be running)`);
			}
			return { version: promoted };
		});
		return { version, modelDir: await this.completeVersionFolder(name, version) };
	}

	/**
	 * Creates a model from its base training set (no version yet: Retrain trains the first). The
	 * folder is built under a temporary name and renamed, so a model exists completely or not at all.
	 */
	async createModel(name: string, examples: readonly LabelledExample[], options: CreateModelOptions): Promise<ModelInfo> {
		checkModelName(name);
		requireSeveralLabels(examples, options.source);
		const given = options.heldOut;
		const heldOutFraction =
			given === undefined ? (options.heldOutFraction ?? DEFAULT_HELD_OUT_FRACTION) : given.length / (given.length + examples.length);
		if (!(heldOutFraction >= 0 && heldOutFraction <= MAX_HELD_OUT_FRACTION)) {
			throw new ModelStoreError(`Held-out fraction must be between 0 and ${MAX_HELD_OUT_FRACTION}, got ${heldOutFraction}`);
		}
		const final = this.layout.modelFolder(name);
		if (await isFile(join(final, DATABASE_FILE))) throw this.alreadyExists(name);
		const temporary = join(this.layout.modelsFolder, creationFolderName(name, process.pid));
		try {
			await mkdir(this.layout.modelsFolder, { recursive: true });
			await removeAbandonedCreations(this.layout.modelsFolder);
			// Not recursive: on a read-only file system that reports ENOENT instead of EROFS.
			await mkdir(temporary);
			await mkdir(join(temporary, 'versions'));
			const path = join(temporary, DATABASE_FILE);
			const database = createModelDatabase(path);
			try {
				inWriteTransaction(database, () => {
					database
						.prepare('INSERT INTO model (id, name, created_at, source, oos_label, held_out_fraction) VALUES (1, ?, ?, ?, ?, ?)')
						.run(name, new Date().toISOString(), options.source, options.oosLabel ?? null, heldOutFraction);
					const insert = database.prepare('INSERT INTO base_example (text, label, text_key, held_out) VALUES (?, ?, ?, ?)');
					for (const { text, label, key, heldOut } of splitBase(examples, given === undefined ? heldOutFraction : 0)) {
						insert.run(text, label, key, heldOut ? 1 : 0);
					}
					for (const { text, label } of given ?? []) insert.run(text.trim(), label.trim(), textKey(text), 1);
				});
			} catch (error) {
				throw databaseError(path, error);
			} finally {
				database.close();
			}
			await publishFolder(temporary, final).catch((error: NodeJS.ErrnoException) => {
				throw error.code === 'ENOTEMPTY' || error.code === 'EEXIST' ? this.alreadyExists(name) : error;
			});
		} catch (error) {
			throw storeWriteError(name, this.layout.modelsFolder, error);
		} finally {
			await rm(temporary, { recursive: true, force: true });
		}
		return await this.describeModel(name);
	}

	async describeModel(name: string): Promise<ModelInfo> {
		return await this.withModel(name, 'read', (database, path) =>
			inReadTransaction(database, () => {
				const row = readModelRow(database, path);
				const count = (sql: string) => (database.prepare(sql).get() as { n: number }).n;
				return {
					name,
					createdAt: row.created_at,
					source: row.source,
					...(row.oos_label === null ? {} : { oosLabel: row.oos_label }),
					heldOutFraction: row.held_out_fraction,
					...(row.promoted_version === null ? {} : { promotedVersion: row.promoted_version }),
					baseExamples: count('SELECT count(*) AS n FROM base_example'),
					heldOutExamples: count('SELECT count(*) AS n FROM base_example WHERE held_out = 1'),
					feedbackRecords: count('SELECT count(*) AS n FROM feedback'),
				};
			}),
		);
	}

	/**
	 * Appends feedback records in one transaction; when this resolves they are on disk (WAL with
	 * synchronous=FULL), so a crash afterwards cannot lose them. Inputs are checked first: one bad
	 * record stores none.
	 */
	async recordFeedback(name: string, inputs: readonly FeedbackInput[]): Promise<RecordedFeedback[]> {
		const records = inputs.map(checkFeedback);
		return await this.withModel(name, 'write', (database, path) =>
			inWriteTransaction(database, () => {
				const { promoted_version: promoted } = readModelRow(database, path);
				const known = new Set(promoted === null ? [] : (readVersion(database, promoted)?.labels ?? []));
				const recordedAt = new Date().toISOString();
				const insert = database.prepare(
					`INSERT INTO feedback (text, text_key, predicted_label, correct_label, rating, agent, channel, conversation_id, recorded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				);
				return records.map((record) => {
					const { id } = insert.get(
						record.text,
						textKey(record.text),
						record.predictedLabel ?? null,
						record.correctLabel,
						record.rating ?? null,
						record.agent ?? null,
						record.channel ?? null,
						record.conversationId ?? null,
						recordedAt,
					) as { id: number };
					return { id, recordedAt, isNewLabel: !known.has(record.correctLabel) };
				});
			}),
		);
	}

	/** The newest version and how many feedback records were stored after its training data was read. */
	async feedbackSinceLastVersion(name: string): Promise<{ lastVersion?: number; records: number }> {
		return await this.withModel(name, 'read', (database) =>
			inReadTransaction(database, () => {
				const last = database.prepare('SELECT number, feedback_through FROM version ORDER BY number DESC LIMIT 1').get() as
					| { number: number; feedback_through: number }
					| undefined;
				const { n } = database.prepare('SELECT count(*) AS n FROM feedback WHERE id > ?').get(last?.feedback_through ?? 0) as { n: number };
				return { ...(last === undefined ? {} : { lastVersion: last.number }), records: n };
			}),
		);
	}

	async feedbackRecords(name: string): Promise<FeedbackRecord[]> {
		return await this.withModel(name, 'read', (database) => readFeedbackRecords(database));
	}

	/** Base set + feedback resolved into training and held-out examples, from one snapshot. */
	async trainingData(name: string): Promise<TrainingData> {
		return await this.withModel(name, 'read', (database, path) => readTrainingData(database, path));
	}

	async listVersions(name: string): Promise<VersionInfo[]> {
		return await this.withModel(name, 'read', (database, path) =>
			inReadTransaction(database, () => {
				const { promoted_version: promoted } = readModelRow(database, path);
				return readVersions(database).map((record) => this.versionInfo(name, record, promoted));
			}),
		);
	}

	/** One version (default: the promoted one), its folder checked to be complete. */
	async version(name: string, version?: number): Promise<VersionInfo> {
		const info = await this.withModel(name, 'read', (database, path) => {
			const { promoted_version: promoted } = readModelRow(database, path);
			const wanted = version ?? promoted;
			if (wanted === null) throw new ModelStoreError(`Model "${name}" has no promoted version yet: run Retrain first`);
			const record = readVersion(database, wanted);
			if (record === undefined) throw this.unknownVersion(name, wanted, readVersions(database));
			return this.versionInfo(name, record, promoted);
		});
		await this.completeVersionFolder(name, info.version);
		return info;
	}

	/**
	 * Points the model at another version in one transaction. Without `toVersion`: the newest
	 * version below the current one that the gate had promoted (one step back).
	 */
	async rollBack(name: string, toVersion?: number): Promise<{ from: number | undefined; to: number }> {
		const target = await this.withModel(name, 'read', (database, path) => {
			const { promoted_version: promoted } = readModelRow(database, path);
			const versions = readVersions(database);
			if (toVersion !== undefined) {
				if (!versions.some((record) => record.version === toVersion)) throw this.unknownVersion(name, toVersion, versions);
				return toVersion;
			}
			const earlier = versions.filter(
				(record) => record.decision === 'promoted' && (promoted === null || record.version < promoted),
			);
			if (earlier.length === 0) {
				throw new ModelStoreError(`Model "${name}" has no promoted version before version ${promoted ?? '–'} to roll back to`);
			}
			return earlier[earlier.length - 1].version;
		});
		// Checked before the pointer moves: Intent Classify must never be pointed at a missing folder.
		await this.completeVersionFolder(name, target);
		return await this.withModel(name, 'write', (database, path) =>
			inWriteTransaction(database, () => {
				const { promoted_version: from } = readModelRow(database, path);
				if (from !== target) setPromotedVersion(database, target, 'rollback');
				return { from: from ?? undefined, to: target };
			}),
		);
	}

	/** Takes the model's training lock (or waits for it) for a retrain; see TrainingSession. */
	async startTraining(name: string, wait: LockWaitOptions): Promise<TrainingSession> {
		const path = await this.existingDatabase(name);
		return await TrainingSession.open(this.layout, name, path, wait);
	}

	/** The folder of a version, after checking model.json and model.onnx are there. */
	async completeVersionFolder(name: string, version: number): Promise<string> {
		const folder = this.layout.versionFolder(name, version);
		for (const file of ['model.json', 'model.onnx']) {
			if (!(await isFile(join(folder, file)))) {
				const others = (await this.listVersions(name)).map((record) => record.version).filter((other) => other !== version);
				throw new ModelStoreError(
					`Model "${name}" version ${version} is incomplete: ${join(folder, file)} is missing. ` +
						(others.length > 0
							? `Roll back to another version (${others.join(', ')}) or retrain.`
							: 'Retrain the model to write a new version.'),
				);
			}
		}
		return folder;
	}

	private versionInfo(name: string, record: VersionRecord, promoted: number | null): VersionInfo {
		return { ...record, modelDir: this.layout.versionFolder(name, record.version), isPromoted: record.version === promoted };
	}

	private async existingDatabase(name: string): Promise<string> {
		const path = this.layout.database(name);
		if (!(await isFile(path))) throw await this.unknownModel(name);
		return path;
	}

	/**
	 * Opens the model's database for one piece of work and closes it again; `read` works also where
	 * the store folder is not writable.
	 */
	private async withModel<T>(name: string, purpose: 'read' | 'write', work: (database: DatabaseSync, path: string) => T): Promise<T> {
		const path = await this.existingDatabase(name);
		const database = openModelDatabase(path, purpose);
		try {
			return work(database, path);
		} catch (error) {
			throw databaseError(path, error);
		} finally {
			database.close();
		}
	}

	private async unknownModel(name: string): Promise<ModelStoreError> {
		const known = await this.listModels();
		if (known.length === 0) {
			return new ModelStoreError(
				`Unknown model "${name}": the model store at ${this.root} has no models yet (create one with Create Model from Dataset)`,
			);
		}
		return new ModelStoreError(`Unknown model "${name}" in the model store at ${this.root}; known models: ${known.join(', ')}`);
	}

	private alreadyExists(name: string): ModelStoreError {
		return new ModelStoreError(`Model "${name}" already exists in the model store at ${this.root}: choose another name, or retrain it`);
	}

	private unknownVersion(name: string, version: number, versions: readonly VersionRecord[]): ModelStoreError {
		const known = versions.map((record) => record.version);
		return new ModelStoreError(
			`Model "${name}" has no version ${version}; ` + (known.length > 0 ? `its versions are ${known.join(', ')}` : 'it has no versions yet'),
		);
	}
}

/** A store rooted at `rootFolder` (blank: `defaultModelStoreFolder()`); opens nothing yet. */
export function openModelStore(rootFolder: string): ModelStore {
	return new ModelStore(rootFolder.trim() === '' ? defaultModelStoreFolder() : rootFolder.trim());
}
