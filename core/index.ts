// Public API of the text engine: what the n8n nodes use. Nothing here imports n8n.
export { normalizeText, DEFAULT_NORMALIZE_OPTIONS, PLACEHOLDERS, type NormalizeOptions } from './text/normalize';
export { detectLanguage, type Language } from './text/language';
export {
	tokenize,
	addUserWords,
	loadUserDictionary,
	ChineseSegmenter,
	UserDictionaryError,
	type Token,
	type TokenKind,
	type TokenizeOptions,
} from './text/tokenize';
export {
	Featurizer,
	DEFAULT_FEATURIZER_CONFIG,
	FeaturizerConfigError,
	type FeaturizerConfig,
	type FeatureBatch,
	type MessageFeatures,
} from './features/featurizer';
export {
	TextClassifier,
	MAX_LOADED_MODELS,
	ModelLoadError,
	type ClassifierOptions,
	type PredictOptions,
	type Prediction,
	type Logger,
} from './model/textClassifier';
export { RecentlyUsed } from './model/recentlyUsed';
export type { Thresholds, OutOfScopeReason, LabelScore } from './model/decision';
export {
	DEFAULT_OOS_LABEL,
	MANIFEST_FILE,
	MODEL_FILE,
	ManifestError,
	type ModelManifest,
} from './model/manifest';
export { writeModel } from './model/writeModel';
export {
	trainClassifier,
	DEFAULT_TRAINING_SETTINGS,
	TRAINING_REVISION,
	type TrainOptions,
	type TrainedModel,
	type TrainingProgress,
	type TrainingSettings,
} from './training/train';
export { trainClassifierInWorker, type WorkerTrainOptions } from './training/trainInWorker';
export {
	evaluatePredictions,
	summarizeReport,
	type EvaluationReport,
	type EvaluationOptions,
	type LabelMetrics,
	type ScoredLabel,
} from './evaluation/metrics';
export { evaluateClassifier } from './evaluation/evaluateClassifier';
export {
	DataError,
	formatFromPath,
	parseTable,
	readTable,
	type Table,
	type TableFormat,
} from './data/table';
export {
	labelledExamples,
	parseLabelledData,
	readLabelledFile,
	requireSeveralLabels,
	type ColumnNames,
	type LabelledData,
	type LabelledExample,
} from './data/labelled';
