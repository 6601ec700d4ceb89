import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { InferenceSession } from 'onnxruntime-node';

import { Featurizer, type MessageFeatures } from '../features/featurizer';
import type { Language } from '../text/language';
import type { TrainedModel } from '../training/train';
import { CLASSIFIER_INPUTS, CLASSIFIER_OUTPUT } from '../onnx/classifierGraph';
import { decide, type Decision, type Thresholds } from './decision';
import { MANIFEST_FILE, MODEL_FILE, parseManifest, type ModelManifest } from './manifest';
import { RecentlyUsed } from './recentlyUsed';
import { loadOnnxRuntime, openSession } from './sessions';

export interface Logger {
	warn(message: string): void;
}

export interface ClassifierOptions {
	/** `cuda` is tried first and falls back to CPU with one warning per process. Default `cpu`. */
	executionProvider?: 'cpu' | 'cuda';
	/** onnxruntime intra-op threads (default 1: n8n runs many things at once). */
	intraOpNumThreads?: number;
	/** Where the CUDA fallback warning goes (default: stderr). */
	logger?: Logger;
}

export interface PredictOptions {
	/** Classes listed in `topK` (default 3). */
	topK?: number;
	/** Overrides the model's calibrated confidence threshold. */
	confidenceThreshold?: number;
	/** Overrides the model's calibrated ambiguity margin. */
	ambiguityMargin?: number;
	/** Messages per ONNX run (default 64; long messages make smaller runs). */
	batchSize?: number;
}

export interface Prediction extends Decision {
	language: Language;
}

/** Empty or blank text: out of scope without running the model. */
export function emptyTextPrediction(oosLabel: string): Prediction {
	return { label: oosLabel, confidence: 0, isOutOfScope: true, reason: 'empty_text', topK: [], language: 'unknown' };
}

/** A model folder or file that cannot be used; `path` names the file at fault. */
export class ModelLoadError extends Error {
	constructor(
		message: string,
		readonly path: string,
	) {
		super(message);
		this.name = 'ModelLoadError';
	}
}

/**
 * Padded cells (messages × longest message) per ONNX run. Each cell becomes an embedding row in the
 * run's intermediate tensors: 2^13 cells keep them near 2.5 MB for a 77-class model, close to the CPU's
 * caches, which predicts 10,000 BANKING77 messages in 8–17 % less CPU time than 2^15 (and no slower for
 * models with fewer classes).
 */
const MAX_CELLS_PER_RUN = 1 << 13;

interface CachedSession {
	/** The folder (or in-memory model) this session belongs to, to drop older versions of it. */
	owner: string;
	version: string;
	session: Promise<InferenceSession>;
}

/**
 * How many models' sessions a process keeps loaded: the most recently used ones. Every retrained version
 * and every edit of typed examples is a model of its own; without a bound their sessions would pile up
 * in a long-running n8n. A model used again after it was dropped is loaded again (milliseconds).
 */
export const MAX_LOADED_MODELS = 32;

/** One session per model file version + provider settings, for the whole process. */
const sessions = new RecentlyUsed<string, CachedSession>(MAX_LOADED_MODELS);

function cachedSession(
	owner: string,
	version: string,
	options: ClassifierOptions,
	bytes: () => Promise<Uint8Array>,
): Promise<InferenceSession> {
	const key = JSON.stringify([owner, version, options.executionProvider ?? 'cpu', options.intraOpNumThreads ?? 1]);
	const cached = sessions.get(key);
	if (cached) return cached.session;
	// A newer version replaces older ones (the same version on another provider stays); runs in flight
	// keep their session until they finish.
	for (const [otherKey, other] of sessions) if (other.owner === owner && other.version !== version) sessions.delete(otherKey);
	const session = bytes().then(async (data) => (await openSession(data, options)).session);
	sessions.set(key, { owner, version, session });
	session.catch(() => sessions.delete(key));
	return session;
}

async function readManifest(path: string): Promise<ModelManifest> {
	// Errors as values: `instanceof Error` fails across realms (e.g. under jest).
	const read = await readFile(path, 'utf8').then(
		(text) => ({ text }),
		(error: NodeJS.ErrnoException) => ({ error }),
	);
	if ('error' in read) {
		const { code, message } = read.error;
		throw new ModelLoadError(code === 'ENOENT' ? `${path} not found` : `${path}: cannot read (${message})`, path);
	}
	const { text } = read;
	let problem: string | undefined;
	let manifest: ModelManifest | undefined;
	try {
		manifest = parseManifest(JSON.parse(text));
	} catch (error) {
		problem = error.message;
	}
	if (!manifest) throw new ModelLoadError(`${path}: invalid model manifest (${problem})`, path);
	return manifest;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A trained text classifier: featurizes messages as its manifest says, runs the ONNX model in
 * batches, and decides labels with the calibrated out-of-scope thresholds.
 */
export class TextClassifier {
	private readonly featurizer: Featurizer;
	private readonly oosClass: number | undefined;

	private constructor(
		readonly manifest: ModelManifest,
		private readonly session: InferenceSession,
	) {
		this.featurizer = new Featurizer(manifest.featurizer);
		const index = manifest.labels.indexOf(manifest.oosLabel);
		this.oosClass = index < 0 ? undefined : index;
	}

	/** Class labels in the order of the model's output. */
	get labels(): string[] {
		return this.manifest.labels;
	}

	/**
	 * Loads `dir/model.json` and `dir/model.onnx`. Sessions are shared per process: loading the same
	 * unchanged folder again is cheap, and a changed model.onnx (new mtime/size/version) is reloaded.
	 */
	static async load(dir: string, options: ClassifierOptions = {}): Promise<TextClassifier> {
		const folder = resolve(dir);
		const folderStat = await stat(folder).catch(() => undefined);
		if (!folderStat?.isDirectory()) throw new ModelLoadError(`model folder ${folder} not found`, folder);
		const manifestPath = join(folder, MANIFEST_FILE);
		const manifest = await readManifest(manifestPath);
		const modelPath = join(folder, manifest.onnx?.file ?? MODEL_FILE);
		const modelStat = await stat(modelPath).catch(() => undefined);
		if (!modelStat?.isFile()) throw new ModelLoadError(`${modelPath} not found`, modelPath);
		const version = `${manifest.version}|${modelStat.mtimeMs}|${modelStat.size}`;
		const session = await cachedSession(folder, version, options, async () => {
			const bytes = await readFile(modelPath);
			if (manifest.onnx?.sha256 && sha256(bytes) !== manifest.onnx.sha256) {
				throw new ModelLoadError(
					`${modelPath} does not match ${manifestPath} (sha256 differs): the file is corrupt or from another training`,
					modelPath,
				);
			}
			return bytes;
		}).then(
			(created) => ({ created }),
			(error: Error) => ({ error }),
		);
		if ('error' in session) {
			if (session.error instanceof ModelLoadError) throw session.error;
			const reason = String(session.error.message).split('\n')[0];
			throw new ModelLoadError(`${modelPath}: not a loadable ONNX model (${reason})`, modelPath);
		}
		return TextClassifier.checked(manifest, session.created, modelPath);
	}

	/** A classifier over a model trained in this process, without writing it to disk. */
	static async fromTrained(trained: TrainedModel, options: ClassifierOptions = {}): Promise<TextClassifier> {
		const owner = `memory:${trained.manifest.onnx.sha256}`;
		const session = await cachedSession(owner, trained.manifest.version, options, async () => trained.onnx);
		return TextClassifier.checked(trained.manifest, session, owner);
	}

	private static checked(manifest: ModelManifest, session: InferenceSession, path: string): TextClassifier {
		const output = session.outputMetadata.find((meta) => meta.name === CLASSIFIER_OUTPUT);
		const width = output?.isTensor ? output.shape[1] : undefined;
		if (!session.inputNames.includes(CLASSIFIER_INPUTS.ids) || width !== manifest.labels.length) {
			throw new ModelLoadError(
				`${path}: the ONNX graph is not a support-ai classifier with ${manifest.labels.length} outputs`,
				path,
			);
		}
		return new TextClassifier(manifest, session);
	}

	/** Predictions in input order; empty texts, and texts with nothing to read, are out of scope with reason `empty_text`. */
	async predict(texts: readonly string[], options: PredictOptions = {}): Promise<Prediction[]> {
		const thresholds: Thresholds = {
			confidence: options.confidenceThreshold ?? this.manifest.thresholds.confidence,
			margin: options.ambiguityMargin ?? this.manifest.thresholds.margin,
		};
		const topK = options.topK ?? 3;
		const predictions = new Array<Prediction>(texts.length);
		const features: { index: number; features: MessageFeatures }[] = [];
		texts.forEach((text, index) => {
			if (text.trim() === '') {
				predictions[index] = emptyTextPrediction(this.manifest.oosLabel);
			} else {
				features.push({ index, features: this.featurizer.featurize(text) });
			}
		});
		// Similar lengths share a run, so that padding stays small.
		features.sort((a, b) => a.features.ids.length - b.features.ids.length || a.index - b.index);
		const batchSize = Math.max(1, options.batchSize ?? 64);
		for (let start = 0; start < features.length; ) {
			let end = start + 1;
			while (
				end < features.length &&
				end - start < batchSize &&
				(end - start + 1) * Math.max(1, features[end].features.ids.length) <= MAX_CELLS_PER_RUN
			) {
				end++;
			}
			const batch = features.slice(start, end);
			const probabilities = await this.run(batch.map((entry) => entry.features));
			const classes = this.labels.length;
			batch.forEach((entry, row) => {
				const decision = decide(
					probabilities.subarray(row * classes, (row + 1) * classes),
					this.labels,
					thresholds,
					{ label: this.manifest.oosLabel, classIndex: this.oosClass },
					topK,
				);
				// Only punctuation or control characters leave no feature, and the model answers such text with
				// its class prior, which can pass the threshold: nothing was read, so it is empty. (topK keeps
				// the prior for the callers that read every class's probability.)
				const unread = entry.features.ids.length === 0;
				predictions[entry.index] = unread
					? { ...decision, label: this.manifest.oosLabel, isOutOfScope: true, reason: 'empty_text', language: entry.features.language }
					: { ...decision, language: entry.features.language };
			});
			start = end;
		}
		return predictions;
	}

	private async run(messages: MessageFeatures[]): Promise<Float32Array> {
		const ort = loadOnnxRuntime();
		const batch = Featurizer.pad(messages);
		const shape = [batch.batchSize, batch.length];
		const outputs = await this.session.run({
			[CLASSIFIER_INPUTS.ids]: new ort.Tensor('int64', batch.ids, shape),
			[CLASSIFIER_INPUTS.weights]: new ort.Tensor('float32', batch.weights, shape),
		});
		return outputs[CLASSIFIER_OUTPUT].data as Float32Array;
	}
}
