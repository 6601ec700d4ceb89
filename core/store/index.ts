// The model store of the Feedback & Retrain node, and what Intent Classify reads from it. Nothing here
// imports n8n.
export { ModelStoreError, TrainingInProgressError } from './errors';
export { defaultModelStoreFolder, checkModelName } from './layout';
export {
	ModelStore,
	openModelStore,
	DEFAULT_HELD_OUT_FRACTION,
	type CreateModelOptions,
	type ModelInfo,
	type PromotedVersion,
	type RecordedFeedback,
	type VersionInfo,
} from './modelStore';
export { checkFeedback, MAX_FEEDBACK_TEXT_CHARS, type FeedbackInput, type FeedbackRecord, type TrainingData } from './records';
export { textKey } from './dataset';
export {
	retrainModel,
	DEFAULT_FEEDBACK_WEIGHT,
	DEFAULT_TOLERANCE,
	type RetrainOptions,
	type RetrainResult,
	type VersionEvaluation,
} from './retrain';
export type { GateMetric, LabelChange } from './gate';
export { evaluateVersion, type VersionEvaluationReport } from './evaluateVersion';
export { ensureModelFromBuiltIn, SEEDABLE_BUILT_IN_MODELS, type SeedResult } from './builtInSeed';
export { confusionMatrixSvg, type ConfusionPictureText } from './confusionMatrixSvg';
