// Sentiment of customer messages (Chinese and English): polarity, intensity, emotion, escalation and
// conversation trend. Nothing here imports n8n.
export {
	SentimentAnalyzer,
	DEFAULT_ANALYZE_SETTINGS,
	EMOTIONS,
	emptyResult,
	modelLanguage,
	type AnalyzeSettings,
	type Emotion,
	type EmotionSignal,
	type SentimentModels,
	type SentimentResult,
} from './analyzer';
export {
	summarizeConversation,
	recencyWeights,
	trendDelta,
	DEFAULT_CONVERSATION_SETTINGS,
	type ConversationSentiment,
	type ConversationSettings,
	type Trend,
} from './conversation';
export { escalationOf, SIGNAL_WEIGHTS, DEFAULT_ESCALATION_SETTINGS, type EscalationSettings } from './escalation';
export { CueLexicon, CUE_KINDS, LexiconError, normalizeForCues, type CueKind, type CueMatches } from './lexicon';
export {
	chooseNeutralBand,
	decidePolarity,
	polarityIndexes,
	polarityMacroF1,
	sentimentScore,
	SENTIMENT_LABELS,
	SentimentModelError,
	type Polarity,
	type PolarityProbabilities,
	type ScoredExample,
	type SentimentLabel,
} from './polarity';
export { detectShouting, DEFAULT_SHOUTING_SETTINGS, type Shouting, type ShoutingSettings } from './shouting';
export {
	classifierEmotion,
	classifierPolarity,
	readCalibration,
	CALIBRATION_FILE,
	DEFAULT_NEUTRAL_BAND,
	type EmotionSource,
	type LabelScorer,
	type PolaritySource,
	type SentimentCalibration,
} from './sources';
export { afinnPolarity } from './afinn';
export { BUILT_IN_SENTIMENT_MODELS, loadBuiltInSentimentModels, loadPolarityModel } from './builtIn';
