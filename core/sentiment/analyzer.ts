import { languageOfWords, type Language } from '../text/language';
import { normalizeText } from '../text/normalize';
import { summarizeConversation, type ConversationSentiment, type ConversationSettings, DEFAULT_CONVERSATION_SETTINGS } from './conversation';
import { escalationOf, type EscalationSettings, DEFAULT_ESCALATION_SETTINGS } from './escalation';
import { normalizeForCues, type CueLexicon, type CueMatches } from './lexicon';
import { decidePolarity, type SentimentLabel } from './polarity';
import { DEFAULT_SHOUTING_SETTINGS, detectShouting, type ShoutingSettings } from './shouting';
import type { EmotionSource, PolaritySource } from './sources';

/** Emotions reported (the English model has more classes: disgust, surprise, neutral). */
export const EMOTIONS = ['anger', 'fear', 'sadness', 'joy'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export interface EmotionSignal {
	/** The strongest emotion, or null when the message shows none. */
	label: Emotion | null;
	/** English: model probabilities; Chinese: share of the emotion cues found. */
	scores: Record<Emotion, number>;
	source: 'model' | 'lexicon';
}

export interface SentimentResult {
	label: SentimentLabel;
	/** p(positive) − p(negative), −1 … 1. */
	score: number;
	confidence: number;
	/** How strongly the sentiment is expressed, 0 … 1: |score| raised by shouting, intensifiers, anger, profanity. */
	intensity: number;
	language: Language;
	escalate: boolean;
	/** Escalation signals found, e.g. "threat: 12315", "shouting: 3 × !/?", "strongly negative (score −0.93)". */
	reasons: string[];
	emotion?: EmotionSignal;
	/** Sum of the weights of the escalation signals found; ≥ the threshold escalates. */
	escalationScore: number;
}

export interface AnalyzeSettings {
	/** Overrides the models' calibrated neutral band when ≥ 0. */
	neutralBand?: number;
	escalation: EscalationSettings;
	shouting: ShoutingSettings;
	/** Report the emotion signal (English model, Chinese lexicon); English anger escalates either way. */
	emotion: boolean;
	batchSize: number;
}

export const DEFAULT_ANALYZE_SETTINGS: AnalyzeSettings = {
	escalation: DEFAULT_ESCALATION_SETTINGS,
	shouting: DEFAULT_SHOUTING_SETTINGS,
	emotion: true,
	batchSize: 256,
};

/** The models behind an analyzer: one polarity source per language (may be the same), emotion for English. */
export interface SentimentModels {
	zh: PolaritySource;
	en: PolaritySource;
	/** English emotion model; Chinese emotion always comes from the lexicon. */
	emotion?: EmotionSource;
}

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]+/gi;
/** URLs and e-mail addresses, masked: they are no words of the message's language. */
const ADDRESSES_ONLY = { lowercase: false, traditionalToSimplified: false, maskIds: false, maskNumbers: false } as const;
const ADDRESS_PLACEHOLDER = /<(?:url|email)>/g;

/**
 * Which language's model reads a message: Chinese when it has at least as many Han characters as Latin
 * words, URLs and e-mail addresses left out ("质量太差了 see zhang.wei@example.com" is Chinese).
 */
export function modelLanguage(text: string): 'zh' | 'en' {
	const han = text.match(HAN)?.length ?? 0;
	const words = normalizeText(text, ADDRESSES_ONLY).replace(ADDRESS_PLACEHOLDER, ' ').match(LATIN_WORD)?.length ?? 0;
	return han > 0 && han >= words ? 'zh' : 'en';
}

/** Result of an empty message: neutral, nothing to escalate, and the reason. */
export function emptyResult(): SentimentResult {
	return {
		label: 'neutral',
		score: 0,
		confidence: 0,
		intensity: 0,
		language: 'unknown',
		escalate: false,
		reasons: ['empty text'],
		escalationScore: 0,
	};
}

const bandOf = (source: PolaritySource, { neutralBand }: Pick<AnalyzeSettings, 'neutralBand'>) =>
	neutralBand !== undefined && neutralBand >= 0 ? neutralBand : source.neutralBand;

/** Intensity raise per arousal cue present (capitals, !!!, intensifier, profanity, anger). */
const AROUSAL_STEP = 0.15;

function lexiconEmotion(cues: CueMatches): EmotionSignal {
	const counts = EMOTIONS.map((emotion) => cues[emotion]?.length ?? 0);
	const total = counts.reduce((sum, count) => sum + count, 0);
	const scores = Object.fromEntries(EMOTIONS.map((emotion, i) => [emotion, total === 0 ? 0 : counts[i] / total])) as Record<Emotion, number>;
	const best = counts.indexOf(Math.max(...counts));
	return { label: total === 0 ? null : EMOTIONS[best], scores, source: 'lexicon' };
}

/** The model's four emotions; the label is the strongest of them unless a non-reported class (neutral, …) wins. */
function modelEmotion(probabilities: Record<string, number>): EmotionSignal {
	const scores = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, probabilities[emotion] ?? 0])) as Record<Emotion, number>;
	const [top] = Object.entries(probabilities).sort((a, b) => b[1] - a[1]);
	const label = top !== undefined && (EMOTIONS as readonly string[]).includes(top[0]) ? (top[0] as Emotion) : null;
	return { label, scores, source: 'model' };
}

/**
 * Sentiment of customer messages: polarity from the language's model, the calibrated neutral band,
 * intensity, emotion (English model, Chinese lexicon) and escalation signals from the cue lexicon,
 * shouting and the score. Messages are scored in batches, one model run per language per batch.
 */
export class SentimentAnalyzer {
	constructor(
		private readonly models: SentimentModels,
		private readonly lexicon: CueLexicon,
	) {}

	async analyze(texts: readonly string[], settings: AnalyzeSettings = DEFAULT_ANALYZE_SETTINGS): Promise<SentimentResult[]> {
		const results = new Array<SentimentResult>(texts.length);
		const byLanguage = { zh: [] as number[], en: [] as number[] };
		texts.forEach((text, index) => {
			if (text.trim() === '') results[index] = emptyResult();
			else byLanguage[modelLanguage(text)].push(index);
		});
		for (const language of ['zh', 'en'] as const) {
			const indexes = byLanguage[language];
			if (indexes.length === 0) continue;
			const batch = indexes.map((index) => texts[index]);
			const source = this.models[language];
			const probabilities = await source.probabilities(batch, settings.batchSize);
			// English anger is an escalation signal: the emotion model runs even when emotion is not reported.
			const emotions =
				language === 'en' && this.models.emotion ? await this.models.emotion.probabilities(batch, settings.batchSize) : undefined;
			const band = bandOf(source, settings);
			indexes.forEach((index, position) => {
				results[index] = this.result(texts[index], decidePolarity(probabilities[position], band), emotions?.[position], settings);
			});
		}
		return results;
	}

	/**
	 * Conversations (messages oldest first) → recency-weighted sentiment and trend each; all their
	 * messages are scored together in one batch.
	 */
	async analyzeConversations(
		conversations: ReadonlyArray<readonly string[]>,
		settings: AnalyzeSettings = DEFAULT_ANALYZE_SETTINGS,
		conversationSettings: ConversationSettings = DEFAULT_CONVERSATION_SETTINGS,
	): Promise<ConversationSentiment[]> {
		const results = await this.analyze(conversations.flat(), settings);
		let offset = 0;
		return conversations.map((messages) => {
			const own = results.slice(offset, (offset += messages.length));
			const latest = [...messages].reverse().find((text) => text.trim() !== '') ?? '';
			return { ...summarizeConversation(own, this.neutralBand(latest, settings), conversationSettings), messages: own };
		});
	}

	/** The band that labels a message: the setting when given, else its language model's calibrated one. */
	neutralBand(text: string, settings: Pick<AnalyzeSettings, 'neutralBand'>): number {
		return bandOf(this.models[modelLanguage(text)], settings);
	}

	private result(
		text: string,
		polarity: ReturnType<typeof decidePolarity>,
		emotionProbabilities: Record<string, number> | undefined,
		settings: AnalyzeSettings,
	): SentimentResult {
		const cues = this.lexicon.match(normalizeForCues(text));
		const shouting = detectShouting(text, settings.shouting);
		const emotion = emotionProbabilities ? modelEmotion(emotionProbabilities) : lexiconEmotion(cues);
		const escalation = escalationOf({ polarity, cues, shouting, anger: emotionProbabilities?.anger }, settings.escalation);
		const arousal = [shouting.caps, shouting.punctuation, cues.intensifier, cues.profanity, escalation.angry].filter(Boolean).length;
		return {
			label: polarity.label,
			score: polarity.score,
			confidence: polarity.confidence,
			intensity: Math.min(1, Math.abs(polarity.score) + AROUSAL_STEP * arousal),
			language: languageOfWords(text),
			escalate: escalation.escalate,
			reasons: escalation.reasons,
			...(settings.emotion ? { emotion } : {}),
			escalationScore: escalation.score,
		};
	}
}
