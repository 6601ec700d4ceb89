import type { DatabaseSync } from 'node:sqlite';

import { inReadTransaction } from './database';
import { resolveDataset, type BaseExample, type Correction, type ResolvedDataset } from './dataset';
import { ModelStoreError } from './errors';

/** One piece of feedback on a prediction, as the Record Feedback operation receives it. */
export interface FeedbackInput {
	text: string;
	/** The label the text should have had (may be a label the model does not know yet). */
	correctLabel: string;
	/** What the model predicted, if known. */
	predictedLabel?: string;
	rating?: number;
	agent?: string;
	channel?: string;
	conversationId?: string;
}

export interface FeedbackRecord extends FeedbackInput {
	id: number;
	recordedAt: string;
}

/** Longest text kept; the featurizer reads far less, but the record keeps what the customer wrote. */
export const MAX_FEEDBACK_TEXT_CHARS = 100_000;

// Values come from n8n expressions: an object or a list must be refused, not stored as "[object Object]".
const optionalText = (value: unknown, field: string): string | undefined => {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new ModelStoreError(`Feedback field "${field}" must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
	}
	const text = String(value).trim();
	return text === '' ? undefined : text;
};

/** A rating given as a number or as numeric text; null or blank is no rating (not 0). */
const optionalRating = (value: unknown): number | undefined => {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const rating = typeof value === 'string' ? Number(value) : value;
	if (typeof rating !== 'number' || !Number.isFinite(rating)) {
		throw new ModelStoreError(`Feedback rating must be a number, got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
	}
	return rating;
};

/** Checks and trims one feedback input; the error names the field that is wrong. */
export function checkFeedback(input: FeedbackInput): FeedbackInput {
	const text = optionalText(input.text, 'text');
	if (text === undefined) throw new ModelStoreError('Feedback text is empty: every record needs the customer message it corrects');
	if (text.length > MAX_FEEDBACK_TEXT_CHARS) {
		throw new ModelStoreError(`Feedback text has ${text.length} characters; at most ${MAX_FEEDBACK_TEXT_CHARS} are accepted`);
	}
	const correctLabel = optionalText(input.correctLabel, 'correctLabel');
	if (correctLabel === undefined) throw new ModelStoreError('Feedback correct label is empty: say which label the text should have');
	const optional = {
		predictedLabel: optionalText(input.predictedLabel, 'predictedLabel'),
		rating: optionalRating(input.rating),
		agent: optionalText(input.agent, 'agent'),
		channel: optionalText(input.channel, 'channel'),
		conversationId: optionalText(input.conversationId, 'conversationId'),
	};
	// Absent fields stay absent (not `undefined` keys) in what nodes output.
	const present = Object.entries(optional).filter(([, value]) => value !== undefined);
	return { text, correctLabel, ...Object.fromEntries(present) };
}

export interface ModelRow {
	name: string;
	created_at: string;
	source: string;
	oos_label: string | null;
	held_out_fraction: number;
	promoted_version: number | null;
}

export function readModelRow(database: DatabaseSync, path: string): ModelRow {
	const row = database.prepare('SELECT * FROM model WHERE id = 1').get() as ModelRow | undefined;
	if (row === undefined) throw new ModelStoreError(`The model database ${path} has no model row (it was not created by this package)`);
	return row;
}

export function readBaseExamples(database: DatabaseSync): BaseExample[] {
	return (
		database.prepare('SELECT text, label, text_key, held_out FROM base_example ORDER BY position').all() as Array<{
			text: string;
			label: string;
			text_key: string;
			held_out: number;
		}>
	).map((row) => ({ text: row.text, label: row.label, key: row.text_key, heldOut: row.held_out === 1 }));
}

/** Corrections oldest first, with the id of the last one (what a version was trained through). */
export function readCorrections(database: DatabaseSync): { corrections: Correction[]; lastId: number } {
	const rows = database.prepare('SELECT id, text, text_key, correct_label FROM feedback ORDER BY id').all() as Array<{
		id: number;
		text: string;
		text_key: string;
		correct_label: string;
	}>;
	return {
		corrections: rows.map((row) => ({ text: row.text, label: row.correct_label, key: row.text_key })),
		lastId: rows.length > 0 ? rows[rows.length - 1].id : 0,
	};
}

interface FeedbackRow {
	id: number;
	text: string;
	predicted_label: string | null;
	correct_label: string;
	rating: number | null;
	agent: string | null;
	channel: string | null;
	conversation_id: string | null;
	recorded_at: string;
}

export function readFeedbackRecords(database: DatabaseSync): FeedbackRecord[] {
	const rows = database.prepare('SELECT * FROM feedback ORDER BY id').all() as unknown as FeedbackRow[];
	return rows.map((row) => ({
		id: row.id,
		recordedAt: row.recorded_at,
		text: row.text,
		correctLabel: row.correct_label,
		...(row.predicted_label === null ? {} : { predictedLabel: row.predicted_label }),
		...(row.rating === null ? {} : { rating: row.rating }),
		...(row.agent === null ? {} : { agent: row.agent }),
		...(row.channel === null ? {} : { channel: row.channel }),
		...(row.conversation_id === null ? {} : { conversationId: row.conversation_id }),
	}));
}

/** A version as the store records it; its folder holds the engine's model.onnx + model.json. */
export interface VersionRecord {
	version: number;
	folder: string;
	createdAt: string;
	/** Whether the evaluation gate let it replace the version before it. */
	decision: 'promoted' | 'refused';
	reason: string;
	labels: string[];
	trainingExamples: number;
	/** The last feedback record its training data included. */
	feedbackThrough: number;
	/** Its held-out evaluation when it was trained (accuracy, macroF1, n, …). */
	heldOutMetrics?: Record<string, number>;
	trainingSeconds: number;
}

interface VersionRow {
	number: number;
	folder: string;
	created_at: string;
	decision: 'promoted' | 'refused';
	reason: string;
	labels: string;
	training_examples: number;
	feedback_through: number;
	held_out_metrics: string | null;
	training_seconds: number;
}

function versionRecord(row: VersionRow): VersionRecord {
	return {
		version: row.number,
		folder: row.folder,
		createdAt: row.created_at,
		decision: row.decision,
		reason: row.reason,
		labels: JSON.parse(row.labels) as string[],
		trainingExamples: row.training_examples,
		feedbackThrough: row.feedback_through,
		...(row.held_out_metrics === null ? {} : { heldOutMetrics: JSON.parse(row.held_out_metrics) as Record<string, number> }),
		trainingSeconds: row.training_seconds,
	};
}

export function readVersions(database: DatabaseSync): VersionRecord[] {
	return (database.prepare('SELECT * FROM version ORDER BY number').all() as unknown as VersionRow[]).map(versionRecord);
}

export function readVersion(database: DatabaseSync, version: number): VersionRecord | undefined {
	const row = database.prepare('SELECT * FROM version WHERE number = ?').get(version) as unknown as VersionRow | undefined;
	return row && versionRecord(row);
}

export function insertVersion(database: DatabaseSync, record: VersionRecord): void {
	database
		.prepare(
			`INSERT INTO version (number, folder, created_at, decision, reason, labels, training_examples, feedback_through,
				held_out_metrics, training_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		)
		.run(
			record.version,
			record.folder,
			record.createdAt,
			record.decision,
			record.reason,
			JSON.stringify(record.labels),
			record.trainingExamples,
			record.feedbackThrough,
			record.heldOutMetrics === undefined ? null : JSON.stringify(record.heldOutMetrics),
			record.trainingSeconds,
		);
}

/** Moves the promoted pointer (inside the caller's write transaction) and logs the move. */
export function setPromotedVersion(database: DatabaseSync, version: number, action: 'retrain' | 'rollback'): void {
	database.prepare('UPDATE model SET promoted_version = ? WHERE id = 1').run(version);
	database.prepare('INSERT INTO promotion (version, action, at) VALUES (?, ?, ?)').run(version, action, new Date().toISOString());
}

/** The data a retrain (or an evaluation on the held-out split) works from, read in one snapshot. */
export interface TrainingData extends ResolvedDataset {
	oosLabel?: string;
	/** Id of the last feedback record included. */
	feedbackThrough: number;
	feedbackRecords: number;
}

export function readTrainingData(database: DatabaseSync, path: string): TrainingData {
	return inReadTransaction(database, () => {
		const row = readModelRow(database, path);
		const { corrections, lastId } = readCorrections(database);
		return {
			...resolveDataset(readBaseExamples(database), corrections),
			...(row.oos_label === null ? {} : { oosLabel: row.oos_label }),
			feedbackThrough: lastId,
			feedbackRecords: corrections.length,
		};
	});
}
