import { resolveFeaturizerConfig, type FeaturizerConfig } from '../features/featurizer';
import type { Thresholds } from './decision';

export const MANIFEST_FORMAT = 'support-ai-text-classifier';
export const MANIFEST_FORMAT_VERSION = 1;
export const MODEL_FILE = 'model.onnx';
export const MANIFEST_FILE = 'model.json';
/** The label out-of-scope predictions get when the training data named no OOS label. */
export const DEFAULT_OOS_LABEL = 'out_of_scope';

/** model.json: everything needed to featurize, decide and explain, next to model.onnx. */
export interface ModelManifest {
	format: typeof MANIFEST_FORMAT;
	formatVersion: typeof MANIFEST_FORMAT_VERSION;
	name?: string;
	version: string;
	createdAt: string;
	/** Class order of the ONNX output. */
	labels: string[];
	/** Label given to out-of-scope predictions; a class of the model too when the data had it. */
	oosLabel: string;
	thresholds: Thresholds;
	featurizer: FeaturizerConfig;
	network: { embeddingDim: number; hiddenDim: number; vocabularyRows: number; embedding: 'float32' | 'int8' };
	onnx: { file: string; sha256: string; bytes: number; opset: number };
	training: {
		examples: number;
		validationExamples: number;
		validation: 'given' | 'carved' | 'none';
		/** Whether the validation examples were learned in a final pass after early stopping. */
		refit: boolean;
		epochs: number;
		/** Softmax temperature fitted on validation data (folded into the output layer). */
		temperature: number;
		seconds: number;
		seed: number;
		settings: Record<string, unknown>;
	};
	/** Validation metrics of the model before any refit (so they are honest). */
	metrics: { validation?: Record<string, number> };
	/** sha256 of the training data and options: same fingerprint, same model. */
	dataFingerprint: string;
}

export class ManifestError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ManifestError';
	}
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates parsed model.json content; the error says which field is wrong. */
export function parseManifest(value: unknown): ModelManifest {
	const fail = (why: string): never => {
		throw new ManifestError(why);
	};
	if (!isRecord(value)) return fail('not a JSON object');
	if (value.format !== MANIFEST_FORMAT) fail(`"format" is ${JSON.stringify(value.format)}, expected "${MANIFEST_FORMAT}"`);
	if (value.formatVersion !== MANIFEST_FORMAT_VERSION) {
		fail(`"formatVersion" ${JSON.stringify(value.formatVersion)} is not supported (expected ${MANIFEST_FORMAT_VERSION})`);
	}
	const labels = value.labels;
	if (!Array.isArray(labels) || labels.length < 2 || !labels.every((label) => typeof label === 'string')) {
		fail('"labels" must be an array of at least 2 strings');
	}
	if (typeof value.oosLabel !== 'string') fail('"oosLabel" must be a string');
	if (typeof value.version !== 'string') fail('"version" must be a string');
	const thresholds = value.thresholds;
	if (!isRecord(thresholds) || typeof thresholds.confidence !== 'number' || typeof thresholds.margin !== 'number') {
		fail('"thresholds" must be { "confidence": number, "margin": number }');
	}
	if (!isRecord(value.featurizer)) fail('"featurizer" must be an object');
	try {
		resolveFeaturizerConfig(value.featurizer as Partial<FeaturizerConfig>);
	} catch (error) {
		fail(`"featurizer": ${error.message}`);
	}
	return value as unknown as ModelManifest;
}
