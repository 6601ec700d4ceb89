import { createHash } from 'node:crypto';

import { requireSeveralLabels, type LabelledExample } from '../data/labelled';
import { evaluatePredictions, summarizeReport } from '../evaluation/metrics';
import { Featurizer, type FeaturizerConfig } from '../features/featurizer';
import { chooseTemperature, chooseThresholds, decide, temper, type Thresholds } from '../model/decision';
import {
	DEFAULT_OOS_LABEL,
	MANIFEST_FORMAT,
	MANIFEST_FORMAT_VERSION,
	MODEL_FILE,
	type ModelManifest,
} from '../model/manifest';
import { quantizeEmbedding, type ClassifierNetwork } from '../model/network';
import { CLASSIFIER_OPSET, writeClassifierOnnx } from '../onnx/classifierGraph';
import { buildVocabulary, encode, type EncodedSet } from './encode';
import { classCounts, fitNetwork, type FitResult, type FitSettings } from './fit';
import { stratifiedSplit } from './split';

/** Settings that shape the network and its optimization; the defaults are tuned on validation data. */
export interface TrainingSettings extends Omit<FitSettings, 'seed' | 'classBalancing' | 'outOfScopeClass' | 'maxEpochs' | 'naiveBayesPrior'> {
	/** Upper bound on epochs; by default more for small data (fewer steps per epoch). */
	maxEpochs?: number;
	/** Embedding width; 0 = number of classes without hidden layer (a linear model over the features). */
	embeddingDim: number;
	/** ReLU hidden layer width; 0 = none. */
	hiddenDim: number;
	/** Share of the data carved out for validation when none is given. */
	validationFraction: number;
	/** Buckets must appear in this many training messages to get an embedding row. */
	minFeatureCount: number;
	/** Cap on embedding rows (the most frequent features are kept). */
	maxVocabularyRows: number;
	/**
	 * Strength of the naive Bayes starting point of a linear model (0 = off). `auto`: with at most
	 * {@link NAIVE_BAYES_AUTO_MAX_CLASSES} classes and validation data, trains from zero and from naive
	 * Bayes (strength 1) and keeps the better on validation; otherwise off.
	 */
	naiveBayesPrior: number | 'auto';
}

/**
 * Polarity-like tasks: their classes have the thousands of messages each that make naive Bayes counts
 * worth starting from. On intents it cost accuracy (BANKING77 −0.5, SMP2017 −2.2 points on validation).
 */
export const NAIVE_BAYES_AUTO_MAX_CLASSES = 3;

export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
	embeddingDim: 0,
	hiddenDim: 0,
	learningRate: 0.2,
	learningRateDecay: 0,
	l2: 0,
	labelSmoothing: 0,
	gradientFloor: 1e-3,
	patience: 2,
	validationFraction: 0.1,
	minFeatureCount: 1,
	maxVocabularyRows: 2_000_000,
	naiveBayesPrior: 'auto',
};

/**
 * On SMP2017 (18 to 455 messages per intent) balancing gains 1.7 to 4.4 points on four validation splits;
 * on BANKING77 (35 to 187) it moves accuracy within ±0.5 and takes 40 % longer (more epochs before the
 * early stop); on balanced data it changes nothing.
 */
export const AUTO_BALANCING_IMBALANCE = 10;

function resolveClassBalancing(option: TrainOptions['classBalancing'], trainSet: EncodedSet, classes: number): boolean {
	if (option !== undefined && option !== 'auto') return option;
	const counts = classCounts(trainSet.labels, classes);
	return Math.max(...counts) >= AUTO_BALANCING_IMBALANCE * Math.min(...counts);
}

/** Epoch bound for `n` examples when not set: ≈ 100k example steps, between 15 and 50 epochs. */
export const defaultMaxEpochs = (n: number): number => Math.min(50, Math.max(15, Math.round(100_000 / n)));

const MIN_EXAMPLES_FOR_TEMPERATURE = 50;

/**
 * The least ambiguity margin of a model validated on fewer than {@link MIN_EXAMPLES_FOR_TEMPERATURE}
 * messages, such as intents typed in Intent Classify (5 to 40 carved messages, none out of scope): chosen
 * on those, threshold and margin were mostly 0, and a message about anything else went to one of the
 * intents. On 5–20 intents × 5–15 examples sampled from CLINC150, BANKING77 and SMP2017 (five samples
 * each), judged on their other messages and on other intents' ones, it moved in-scope accuracy from 85.9
 * to 82.5 % and out-of-scope recall from 15 to 47 %: more decision value in each of the 27 settings with a
 * quarter of the messages out of scope, and overall from 8 % out of scope on. A margin of 0.1 (79 % / 62 %)
 * gains only from 14 % on and cost Chinese 12 points of in-scope accuracy. From 50 validation messages on,
 * the probabilities are tempered and the floor moved recall by 4 points only.
 */
export const SMALL_VALIDATION_MIN_MARGIN = 0.05;

/**
 * What models trained from the same examples would differ by: bumped with every change to the trainer or
 * its defaults that changes a model's predictions or decisions, so that copies trained by an earlier
 * release (Intent Classify keeps one per set of typed examples) are trained again. 2: the margin floor.
 */
export const TRAINING_REVISION = 2;

/** Thresholds with the margin raised to {@link SMALL_VALIDATION_MIN_MARGIN} when validation is too small to trust. */
const withSmallValidationFloor = (thresholds: Thresholds, validationExamples: number): Thresholds =>
	validationExamples < MIN_EXAMPLES_FOR_TEMPERATURE
		? { ...thresholds, margin: Math.max(thresholds.margin, SMALL_VALIDATION_MIN_MARGIN) }
		: thresholds;

/** Float embeddings above this size are stored as int8 unless `quantize` says otherwise. */
const QUANTIZE_ABOVE_BYTES = 8 * 1024 * 1024;

export interface TrainingProgress {
	phase: 'featurize' | 'train' | 'calibrate' | 'done';
	message: string;
	epoch?: number;
	maxEpochs?: number;
	validationAccuracy?: number;
}

export interface TrainOptions {
	/** Validation examples for early stopping and thresholds; carved from the data when absent. */
	validation?: readonly LabelledExample[];
	/**
	 * After early stopping, one more pass over training and validation examples, so that the model learns
	 * the validation examples too (default). Off keeps a given validation set unseen, e.g. to measure on it.
	 */
	refit?: boolean;
	/** The out-of-scope label in the data: a class, and the examples thresholds are chosen against. */
	oosLabel?: string;
	seed?: number;
	/**
	 * Weight each class by n / (classes × n_class), so that rare labels count as much as common ones.
	 * `auto` (default): when the largest class has ≥ {@link AUTO_BALANCING_IMBALANCE}× the examples of the smallest.
	 */
	classBalancing?: boolean | 'auto';
	/** Store the embedding as int8 (default: only when the float embedding exceeds 8 MB). */
	quantize?: boolean;
	featurizer?: Partial<FeaturizerConfig>;
	settings?: Partial<TrainingSettings>;
	name?: string;
	version?: string;
	onProgress?: (progress: TrainingProgress) => void;
}

export interface TrainedModel {
	onnx: Uint8Array;
	manifest: ModelManifest;
}

/** Semantic version of the package, recorded as the ONNX producer version. */
const PRODUCER_VERSION = '0.1.0';

function fingerprint(
	examples: readonly LabelledExample[],
	validation: readonly LabelledExample[] | undefined,
	options: unknown,
): string {
	const hash = createHash('sha256');
	const feed = (part: readonly LabelledExample[]) => {
		const lines = part.map((example) => JSON.stringify([example.text, example.label])).sort();
		hash.update(`${lines.length}\n${lines.join('\n')}\n`);
	};
	feed(examples);
	if (validation) feed(validation);
	hash.update(JSON.stringify(options));
	return `sha256:${hash.digest('hex')}`;
}

/** How progress messages name a training run's starting point. */
const startName = (naiveBayesPrior: number): string => (naiveBayesPrior > 0 ? 'naive Bayes' : 'zero');

/** Higher validation accuracy, or the same with a lower loss. */
const isBetterOnValidation = (candidate: FitResult, incumbent: FitResult): boolean =>
	candidate.validation !== undefined &&
	(incumbent.validation === undefined ||
		candidate.validation.accuracy > incumbent.validation.accuracy ||
		(candidate.validation.accuracy === incumbent.validation.accuracy && candidate.validation.loss < incumbent.validation.loss));

/** Labels as class indexes; -1 for labels that training never saw. */
const labelIndexes = (examples: readonly LabelledExample[], classOf: Map<string, number>) =>
	Int32Array.from(examples, (example) => classOf.get(example.label) ?? -1);

/**
 * Trains a text classifier in this thread: featurize, early-stopped AdaGrad on a linear (or hidden
 * layer) network, thresholds chosen on validation data, ONNX serialization. Deterministic for a
 * given seed. Throws DataError for unusable data (e.g. a single label).
 */
export function trainClassifier(examples: readonly LabelledExample[], options: TrainOptions = {}): TrainedModel {
	const started = performance.now();
	const report = options.onProgress ?? (() => undefined);
	const seed = options.seed ?? 42;
	const settings: TrainingSettings = { ...DEFAULT_TRAINING_SETTINGS, ...options.settings };
	requireSeveralLabels(examples, 'training data');
	for (const part of [examples, options.validation ?? []]) {
		const empty = part.findIndex((example) => example.text.trim() === '');
		if (empty >= 0) throw new Error(`training example ${empty + 1} has an empty text`);
	}

	report({ phase: 'featurize', message: `featurizing ${examples.length} examples` });
	const featurizer = new Featurizer(options.featurizer);
	let train: LabelledExample[];
	let validation: LabelledExample[];
	let validationSource: ModelManifest['training']['validation'];
	if (options.validation && options.validation.length > 0) {
		train = [...examples];
		validation = [...options.validation];
		validationSource = 'given';
	} else {
		const split = stratifiedSplit(
			examples.map((example) => example.label),
			settings.validationFraction,
			seed,
		);
		train = split.train.map((i) => examples[i]);
		validation = split.validation.map((i) => examples[i]);
		validationSource = validation.length > 0 ? 'carved' : 'none';
	}
	const labels = [...new Set(train.map((example) => example.label))].sort();
	const classOf = new Map(labels.map((label, index) => [label, index]));
	const trainFeatures = train.map((example) => featurizer.featurize(example.text));
	const validationFeatures = validation.map((example) => featurizer.featurize(example.text));
	const refit = validation.length > 0 && (options.refit ?? true);
	// Validation examples join training for the final pass, so their features get rows too.
	const { rowOfBucket, rows } = buildVocabulary(
		refit ? [...trainFeatures, ...validationFeatures] : trainFeatures,
		featurizer.config.buckets,
		settings.minFeatureCount,
		settings.maxVocabularyRows,
	);
	const trainSet = encode(trainFeatures, labelIndexes(train, classOf), rowOfBucket);
	const validationSet: EncodedSet | undefined =
		validation.length > 0 ? encode(validationFeatures, labelIndexes(validation, classOf), rowOfBucket) : undefined;

	const classes = labels.length;
	const oosClass = options.oosLabel === undefined ? undefined : classOf.get(options.oosLabel);
	const embeddingDim = settings.embeddingDim || classes;
	const maxEpochs = settings.maxEpochs ?? defaultMaxEpochs(train.length);
	const classBalancing = resolveClassBalancing(options.classBalancing, trainSet, classes);
	// Choosing a start needs validation data; only a linear model has a naive Bayes one.
	const choosesStart =
		classes <= NAIVE_BAYES_AUTO_MAX_CLASSES && validationSet !== undefined && embeddingDim === classes && settings.hiddenDim === 0;
	const autoPriors = choosesStart ? [0, 1] : [0];
	const naiveBayesPriors = settings.naiveBayesPrior === 'auto' ? autoPriors : [settings.naiveBayesPrior];
	const refitSet = refit
		? encode([...trainFeatures, ...validationFeatures], labelIndexes([...train, ...validation], classOf), rowOfBucket)
		: undefined;
	const runs = naiveBayesPriors.map((naiveBayesPrior) => {
		const candidateSettings: FitSettings = {
			...settings,
			maxEpochs,
			classBalancing,
			...(oosClass === undefined ? {} : { outOfScopeClass: oosClass }),
			naiveBayesPrior,
			seed,
		};
		const start = naiveBayesPriors.length > 1 ? `${startName(naiveBayesPrior)} start: ` : '';
		const candidate: FitResult = fitNetwork(
			trainSet,
			validationSet,
			{ rows, classes, embeddingDim, hiddenDim: settings.hiddenDim },
			rowOfBucket,
			candidateSettings,
			{
				refitSet,
				onEpoch: (epoch) =>
					report({
						phase: 'train',
						epoch: epoch.epoch,
						maxEpochs,
						validationAccuracy: epoch.validationAccuracy,
						message:
							`${start}epoch ${epoch.epoch}/${maxEpochs} loss ${epoch.trainLoss.toFixed(4)}` +
							(epoch.validationAccuracy === undefined ? '' : ` validation accuracy ${epoch.validationAccuracy.toFixed(4)}`),
					}),
			},
		);
		return { fit: candidate, fitSettings: candidateSettings };
	});
	const { fit, fitSettings } = runs.reduce((best, run) => (isBetterOnValidation(run.fit, best.fit) ? run : best));
	if (runs.length > 1) {
		report({ phase: 'train', message: `kept the ${startName(fitSettings.naiveBayesPrior)} start (better on validation)` });
	}

	report({ phase: 'calibrate', message: 'choosing thresholds on validation data' });
	const oosLabel = options.oosLabel ?? DEFAULT_OOS_LABEL;
	let thresholds = withSmallValidationFloor({ confidence: 0, margin: 0 }, validation.length);
	let validationMetrics: Record<string, number> | undefined;
	let temperature = 1;
	if (validationSet && fit.validationProbabilities) {
		// A temperature fitted on a handful of examples would only make the model overconfident.
		if (validation.length >= MIN_EXAMPLES_FOR_TEMPERATURE) {
			temperature = chooseTemperature(fit.validationProbabilities, validationSet.labels, classes);
		}
		const calibrated = temper(fit.validationProbabilities, classes, temperature);
		thresholds = withSmallValidationFloor(chooseThresholds(calibrated, validationSet.labels, classes, oosClass), validation.length);
		validationMetrics = validationSummary(
			calibrated,
			validation.map((example) => example.label),
			labels,
			thresholds,
			{ label: oosLabel, classIndex: oosClass },
			options.oosLabel !== undefined,
		);
	}

	// The temperature divides the logits: folded into the output layer, the graph stays the same.
	const output = {
		...fit.network.output,
		weight: fit.network.output.weight.map((value) => value / temperature),
		bias: fit.network.output.bias.map((value) => value / temperature),
	};
	const network: ClassifierNetwork = {
		...fit.network,
		output,
		embedding:
			(options.quantize ?? fit.network.embedding.values.byteLength > QUANTIZE_ABOVE_BYTES)
				? quantizeEmbedding(fit.network.embedding.values as Float32Array, embeddingDim)
				: fit.network.embedding,
	};
	const createdAt = new Date().toISOString();
	const version = options.version ?? '1';
	const onnx = writeClassifierOnnx(
		network,
		{
			labels: JSON.stringify(labels),
			oos_label: oosLabel,
			version,
			created_at: createdAt,
			featurizer: JSON.stringify(featurizer.config),
		},
		PRODUCER_VERSION,
	);
	const manifest: ModelManifest = {
		format: MANIFEST_FORMAT,
		formatVersion: MANIFEST_FORMAT_VERSION,
		...(options.name === undefined ? {} : { name: options.name }),
		version,
		createdAt,
		labels,
		oosLabel,
		thresholds,
		featurizer: featurizer.config,
		network: {
			embeddingDim,
			hiddenDim: settings.hiddenDim,
			vocabularyRows: rows,
			embedding: network.embedding.kind,
		},
		onnx: {
			file: MODEL_FILE,
			sha256: createHash('sha256').update(onnx).digest('hex'),
			bytes: onnx.byteLength,
			opset: CLASSIFIER_OPSET,
		},
		training: {
			examples: train.length,
			validationExamples: validation.length,
			validation: validationSource,
			refit,
			epochs: fit.epochs,
			temperature,
			seconds: Math.round(performance.now() - started) / 1000,
			seed,
			settings: { ...fitSettings, embeddingDim, hiddenDim: settings.hiddenDim },
		},
		metrics: validationMetrics ? { validation: validationMetrics } : {},
		dataFingerprint: fingerprint(examples, options.validation, {
			oosLabel: options.oosLabel,
			refit,
			seed,
			classBalancing: options.classBalancing ?? 'auto',
			quantize: options.quantize,
			featurizer: featurizer.config,
			settings,
		}),
	};
	report({ phase: 'done', message: `trained ${labels.length} labels in ${manifest.training.seconds} s` });
	return { onnx, manifest };
}

/**
 * Validation metrics. With an OOS label, of the decided labels (fallbacks count as OOS predictions),
 * as the CLI's eval with --oos-label reports them; without, of the best class (plain accuracy), plus
 * the share of fallbacks the thresholds cause and the accuracy of the accepted predictions.
 */
function validationSummary(
	probabilities: Float32Array,
	gold: string[],
	labels: readonly string[],
	thresholds: Thresholds,
	oos: { label: string; classIndex?: number },
	withOos: boolean,
): Record<string, number> {
	const classes = labels.length;
	const decisions = gold.map((_, i) => decide(probabilities.subarray(i * classes, (i + 1) * classes), labels, thresholds, oos, 1));
	if (withOos) return summarizeReport(evaluatePredictions(gold, decisions, { oosLabel: oos.label }));
	const best = decisions.map((decision) => ({ label: decision.topK[0].label, confidence: decision.confidence }));
	const summary = summarizeReport(evaluatePredictions(gold, best));
	const accepted = decisions.filter((decision) => !decision.isOutOfScope);
	summary.fallbackRate = 1 - accepted.length / Math.max(1, decisions.length);
	summary.acceptedAccuracy =
		decisions.filter((decision, i) => !decision.isOutOfScope && decision.label === gold[i]).length / Math.max(1, accepted.length);
	return summary;
}
