import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { PredictOptions, Prediction } from '../model/textClassifier';
import { polarityIndexes, SentimentModelError, type PolarityProbabilities } from './polarity';

/** Band used for models that bring no calibration of their own (a node parameter overrides it). */
export const DEFAULT_NEUTRAL_BAND = 0.3;

/** A polarity model, whatever it is made of: class probabilities for a batch of messages. */
export interface PolaritySource {
	name: string;
	version: string;
	/** |score| below this is neutral, as calibrated on validation data for this model. */
	neutralBand: number;
	probabilities(texts: readonly string[], batchSize: number): Promise<PolarityProbabilities[]>;
}

/** Emotion class probabilities (e.g. anger, fear, sadness, joy, …) for a batch of messages. */
export interface EmotionSource {
	labels: readonly string[];
	probabilities(texts: readonly string[], batchSize: number): Promise<Array<Record<string, number>>>;
}

/** What both the engine's classifiers and Hugging Face exports offer. */
export interface LabelScorer {
	readonly labels: readonly string[];
	predict(texts: readonly string[], options?: PredictOptions): Promise<Prediction[]>;
}

/** Every class's probability by label: predict() with all classes in topK and no fallback. */
async function allProbabilities(scorer: LabelScorer, texts: readonly string[], batchSize: number): Promise<Array<Record<string, number>>> {
	const predictions = await scorer.predict(texts, {
		topK: scorer.labels.length,
		confidenceThreshold: 0,
		ambiguityMargin: 0,
		batchSize,
	});
	return predictions.map(({ topK }) => Object.fromEntries(topK.map(({ label, confidence }) => [label, confidence])));
}

/** A classifier with negative / positive (and maybe neutral) labels as a polarity source. */
export function classifierPolarity(scorer: LabelScorer, name: string, version: string, neutralBand: number): PolaritySource {
	const index = polarityIndexes(scorer.labels, name);
	const [negative, positive] = [scorer.labels[index.negative], scorer.labels[index.positive]];
	const neutral = index.neutral === undefined ? undefined : scorer.labels[index.neutral];
	return {
		name,
		version,
		neutralBand,
		async probabilities(texts, batchSize) {
			return (await allProbabilities(scorer, texts, batchSize)).map((p) => ({
				negative: p[negative] ?? 0,
				positive: p[positive] ?? 0,
				...(neutral === undefined ? {} : { neutral: p[neutral] ?? 0 }),
			}));
		},
	};
}

export function classifierEmotion(scorer: LabelScorer): EmotionSource {
	return {
		labels: scorer.labels,
		probabilities: (texts, batchSize) => allProbabilities(scorer, texts, batchSize),
	};
}

/** `sentiment.json` beside a built-in polarity model: its calibrated band and validation figures. */
export const CALIBRATION_FILE = 'sentiment.json';

export interface SentimentCalibration {
	neutralBand: number;
	/** Validation figures printed by scripts/trainSentimentModels.ts (for README and the curious). */
	validation?: Record<string, unknown>;
}

/** Reads a model folder's calibration; errors name the file. */
export async function readCalibration(folder: string): Promise<SentimentCalibration> {
	const path = join(folder, CALIBRATION_FILE);
	const read = await readFile(path, 'utf8').then(
		(text) => ({ text }),
		(error: Error) => ({ problem: error.message }),
	);
	let value: unknown;
	let problem = 'problem' in read ? read.problem : undefined;
	if ('text' in read) {
		try {
			value = JSON.parse(read.text);
		} catch (error) {
			problem = (error as Error).message;
		}
	}
	if (problem !== undefined) throw new SentimentModelError(`${path}: cannot read the sentiment calibration (${problem})`);
	const band = (value as { neutralBand?: unknown } | null)?.neutralBand;
	if (typeof band !== 'number' || !(band >= 0 && band < 1)) {
		throw new SentimentModelError(`${path}: "neutralBand" must be a number from 0 to below 1`);
	}
	return value as SentimentCalibration;
}
