import type { LabelledExample } from '../data/labelled';
import { evaluateClassifier } from '../evaluation/evaluateClassifier';
import type { EvaluationReport } from '../evaluation/metrics';
import { TextClassifier } from '../model/textClassifier';
import type { ModelStore } from './modelStore';
import { ModelStoreError } from './errors';

export interface VersionEvaluationReport {
	model: string;
	version: number;
	isPromoted: boolean;
	/** 'held-out' or the name of the dataset given. */
	dataset: string;
	report: EvaluationReport;
}

/**
 * Evaluates one version (default: the promoted one) on the given examples, or on the model's
 * held-out split (as it is now: base examples without a correction).
 */
export async function evaluateVersion(
	store: ModelStore,
	name: string,
	options: { version?: number; examples?: readonly LabelledExample[]; datasetName?: string; executionProvider?: 'cpu' | 'cuda' } = {},
): Promise<VersionEvaluationReport> {
	const info = await store.version(name, options.version);
	const data = await store.trainingData(name);
	const examples = options.examples ?? data.heldOut;
	if (examples.length === 0) {
		throw new ModelStoreError(
			options.examples
				? `The dataset ${options.datasetName ?? ''} has no examples to evaluate on`
				: `Model "${name}" has no held-out examples (its base set is too small): evaluate on a dataset instead`,
		);
	}
	const classifier = await TextClassifier.load(info.modelDir, { executionProvider: options.executionProvider ?? 'cpu' });
	return {
		model: name,
		version: info.version,
		isPromoted: info.isPromoted,
		dataset: options.examples ? (options.datasetName ?? 'dataset') : 'held-out',
		report: await evaluateClassifier(classifier, examples, { oosLabel: data.oosLabel }),
	};
}
