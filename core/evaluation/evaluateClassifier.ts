import type { LabelledExample } from '../data/labelled';
import type { TextClassifier } from '../model/textClassifier';
import { evaluatePredictions, type EvaluationOptions, type EvaluationReport } from './metrics';

/**
 * Evaluates a classifier on labelled examples. Without an OOS label the best class is scored
 * (plain accuracy); with one, the decided label is (fallbacks count as OOS predictions).
 */
export async function evaluateClassifier(
	classifier: TextClassifier,
	examples: readonly LabelledExample[],
	options: EvaluationOptions & { batchSize?: number } = {},
): Promise<EvaluationReport> {
	const predictions = await classifier.predict(
		examples.map((example) => example.text),
		{ topK: 1, batchSize: options.batchSize },
	);
	const { oosLabel } = options;
	const scored = predictions.map((prediction) => ({
		label:
			oosLabel === undefined
				? (prediction.topK[0]?.label ?? prediction.label)
				: prediction.isOutOfScope
					? oosLabel
					: prediction.label,
		confidence: prediction.confidence,
	}));
	return evaluatePredictions(
		examples.map((example) => example.label),
		scored,
		options,
	);
}
