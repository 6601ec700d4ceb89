import type { Language } from '../text/language';
import type { SentimentResult } from './analyzer';
import type { SentimentLabel } from './polarity';

export interface ConversationSettings {
	/** Messages back at which a message counts half as much as the latest one (default 2). */
	halfLife: number;
	/** Change of score from the first to the last message (fitted line) that makes a trend (default 0.3). */
	trendThreshold: number;
}

export const DEFAULT_CONVERSATION_SETTINGS: ConversationSettings = { halfLife: 2, trendThreshold: 0.3 };

export type Trend = 'improving' | 'worsening' | 'stable';

export interface ConversationSentiment {
	label: SentimentLabel;
	/** Recency-weighted mean of the messages' scores. */
	score: number;
	confidence: number;
	intensity: number;
	language: Language;
	escalate: boolean;
	reasons: string[];
	trend: Trend;
	/** Score change from the first to the last message along a least-squares line. */
	trendDelta: number;
	/** Per message, in conversation order (empty messages included, as neutral). */
	messages: SentimentResult[];
}

/** Weights 0.5^(age / halfLife), age 0 for the latest message. */
export function recencyWeights(count: number, halfLife: number): number[] {
	return Array.from({ length: count }, (_, i) => 0.5 ** ((count - 1 - i) / Math.max(halfLife, 1e-9)));
}

/** Least-squares slope of the scores over message positions, times the span: first → last change. */
export function trendDelta(scores: readonly number[]): number {
	const n = scores.length;
	if (n < 2) return 0;
	const meanX = (n - 1) / 2;
	const meanY = scores.reduce((sum, score) => sum + score, 0) / n;
	let covariance = 0;
	let variance = 0;
	scores.forEach((score, x) => {
		covariance += (x - meanX) * (score - meanY);
		variance += (x - meanX) ** 2;
	});
	return (covariance / variance) * (n - 1);
}

const weightedMean = (values: readonly number[], weights: readonly number[]) =>
	values.reduce((sum, value, i) => sum + value * weights[i], 0) / weights.reduce((sum, weight) => sum + weight, 0);

function dominantLanguage(messages: readonly SentimentResult[]): Language {
	const counts = new Map<Language, number>();
	for (const { language } of messages) if (language !== 'unknown') counts.set(language, (counts.get(language) ?? 0) + 1);
	if (counts.size === 0) return 'unknown';
	if (counts.size > 1) return 'mixed';
	return [...counts.keys()][0];
}

/**
 * One conversation's sentiment from its messages' (oldest first): the recency-weighted score, labelled
 * with the neutral band (neutral messages counting 0), and the trend. It escalates when the latest
 * message does, when any message made a threat, or when a negative conversation is getting worse.
 */
export function summarizeConversation(
	messages: readonly SentimentResult[],
	neutralBand: number,
	settings: ConversationSettings = DEFAULT_CONVERSATION_SETTINGS,
): Omit<ConversationSentiment, 'messages'> {
	const isScored = (message: SentimentResult) => !message.reasons.includes('empty text');
	const scored = messages.filter(isScored);
	if (scored.length === 0) {
		return {
			label: 'neutral',
			score: 0,
			confidence: 0,
			intensity: 0,
			language: 'unknown',
			escalate: false,
			reasons: ['empty text'],
			trend: 'stable',
			trendDelta: 0,
		};
	}
	const weights = recencyWeights(scored.length, settings.halfLife);
	const score = weightedMean(scored.map((message) => message.score), weights);
	// Messages labelled neutral count 0 for the label: where the model's neutral class decides (band 0), their
	// leftover scores would otherwise make a conversation of neutral messages positive or negative.
	const polarity = weightedMean(scored.map((message) => (message.label === 'neutral' ? 0 : message.score)), weights);
	const label: SentimentLabel = polarity === 0 || Math.abs(polarity) < neutralBand ? 'neutral' : polarity > 0 ? 'positive' : 'negative';
	const delta = trendDelta(scored.map((message) => message.score));
	// No change is stable at a threshold of 0 too (one message, equal scores).
	const trend: Trend =
		delta > 0 && delta >= settings.trendThreshold ? 'improving' : delta < 0 && delta <= -settings.trendThreshold ? 'worsening' : 'stable';

	const reasons: string[] = [];
	// The latest message that says something: an empty one after it (an attachment, a blank line) is no answer.
	const latest = messages.findLastIndex(isScored);
	messages.forEach((message, index) => {
		const why = index === latest ? message.reasons : message.reasons.filter((reason) => reason.startsWith('threat'));
		for (const reason of why) if (reason !== 'empty text') reasons.push(`message ${index + 1}: ${reason}`);
	});
	const worseningNegative = trend === 'worsening' && label === 'negative';
	if (worseningNegative) reasons.push(`worsening (${delta.toFixed(2)} from first to last message)`);
	const escalate =
		messages[latest].escalate || messages.some((message) => message.reasons.some((reason) => reason.startsWith('threat'))) || worseningNegative;
	return {
		label,
		score,
		confidence: weightedMean(scored.map((message) => message.confidence), weights),
		intensity: weightedMean(scored.map((message) => message.intensity), weights),
		language: dominantLanguage(scored),
		escalate,
		reasons,
		trend,
		trendDelta: delta,
	};
}
