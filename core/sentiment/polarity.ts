export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** Class probabilities of a polarity model (`neutral` only when the model has such a class). */
export interface PolarityProbabilities {
	negative: number;
	positive: number;
	neutral?: number;
}

export interface Polarity {
	label: SentimentLabel;
	/** p(positive) − p(negative), in −1 … 1. */
	score: number;
	/**
	 * Probability of the label for positive/negative (and for a model's own neutral class); for
	 * neutral from the band, 1 − |score|: how evenly the model is split.
	 */
	confidence: number;
}

export const sentimentScore = (p: PolarityProbabilities): number => Math.max(-1, Math.min(1, p.positive - p.negative));

/**
 * Label from probabilities: neutral when the model's neutral class wins, or when neither side is
 * confident (|score| < `neutralBand`, or 0); otherwise the sign of the score.
 */
export function decidePolarity(p: PolarityProbabilities, neutralBand: number): Polarity {
	const score = sentimentScore(p);
	if (p.neutral !== undefined && p.neutral >= Math.max(p.positive, p.negative)) {
		return { label: 'neutral', score, confidence: p.neutral };
	}
	// A score of exactly 0 leans nowhere, band 0 included (AFINN without a rated word, a split model).
	if (Math.abs(score) < neutralBand || score === 0) return { label: 'neutral', score, confidence: 1 - Math.abs(score) };
	return score > 0 ? { label: 'positive', score, confidence: p.positive } : { label: 'negative', score, confidence: p.negative };
}

/** A model that cannot serve as a sentiment model (wrong labels, unreadable calibration). */
export class SentimentModelError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SentimentModelError';
	}
}

/** Label names a model may use for each polarity (compared case-insensitively). */
const LABEL_NAMES: Record<SentimentLabel, readonly string[]> = {
	negative: ['negative', 'neg', 'bad'],
	neutral: ['neutral', 'neu', 'none'],
	positive: ['positive', 'pos', 'good'],
};

/**
 * Which output index of a model holds each polarity. Throws (naming the labels found) when the model
 * lacks a negative or a positive class: it is then no sentiment model.
 */
export function polarityIndexes(labels: readonly string[], modelName: string): { negative: number; positive: number; neutral?: number } {
	const find = (polarity: SentimentLabel) => labels.findIndex((label) => LABEL_NAMES[polarity].includes(label.trim().toLowerCase()));
	const negative = find('negative');
	const positive = find('positive');
	const neutral = find('neutral');
	if (negative < 0 || positive < 0) {
		throw new SentimentModelError(
			`model "${modelName}" is not a sentiment model: its labels are ${labels.map((label) => JSON.stringify(label)).join(', ')}; ` +
				'it needs a "negative" and a "positive" label (and optionally "neutral")',
		);
	}
	return { negative, positive, ...(neutral >= 0 ? { neutral } : {}) };
}

export interface ScoredExample {
	probabilities: PolarityProbabilities;
	gold: SentimentLabel;
}

/** Macro-F1 over negative / neutral / positive of the labels {@link decidePolarity} gives with `neutralBand`. */
export function polarityMacroF1(examples: readonly ScoredExample[], neutralBand: number): number {
	const counts = Object.fromEntries(SENTIMENT_LABELS.map((label) => [label, { tp: 0, fp: 0, fn: 0 }]));
	for (const { probabilities, gold } of examples) {
		const { label } = decidePolarity(probabilities, neutralBand);
		if (label === gold) counts[label].tp++;
		else {
			counts[label].fp++;
			counts[gold].fn++;
		}
	}
	const present = SENTIMENT_LABELS.filter((label) => counts[label].tp + counts[label].fn > 0);
	const f1 = present.map((label) => {
		const { tp, fp, fn } = counts[label];
		return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
	});
	return f1.reduce((sum, value) => sum + value, 0) / Math.max(1, present.length);
}

const BAND_GRID = Array.from({ length: 96 }, (_, i) => i / 100);

/**
 * The neutral band that maximizes macro-F1 on validation examples with neutral, negative and positive
 * gold labels. Ties go to the narrower band (fewer messages called neutral).
 */
export function chooseNeutralBand(examples: readonly ScoredExample[]): { neutralBand: number; macroF1: number } {
	let best = { neutralBand: 0, macroF1: -1 };
	for (const band of BAND_GRID) {
		const macroF1 = polarityMacroF1(examples, band);
		if (macroF1 > best.macroF1 + 1e-12) best = { neutralBand: band, macroF1 };
	}
	return best;
}
