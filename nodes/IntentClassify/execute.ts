import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemParameter } from '../shared/itemParameter';
import { batchSizeOf } from '../shared/modelSourceProperties';
import { numberOptions, type NumberRule } from '../shared/numberParameter';
import { asNodeOperationError } from '../shared/nodeError';
import { withFields } from '../shared/outputItem';
import { fieldNameOption, messageText } from '../shared/textParameter';
import { loadIntentModel, typedIntentNames, type IntentModel, type IntentPrediction } from './modelSources';
import { branchFor, branchLayout, parseBranchIntents } from './routing';

interface ClassifyOptions {
	ambiguityMargin?: number;
	batchSize?: number;
	confidenceThreshold?: number;
	executionProvider?: 'cpu' | 'cuda';
	fieldName?: string;
	includeLanguage?: boolean;
	topK?: number;
}

const NUMBER_OPTIONS: Partial<Record<keyof ClassifyOptions, NumberRule>> = {
	ambiguityMargin: { displayName: 'Ambiguity Margin', min: -1, max: 1 },
	confidenceThreshold: { displayName: 'Confidence Threshold', min: -1, max: 1 },
	topK: { displayName: 'Top K', min: 1, integer: true },
};

/**
 * The text parameter's value for the model: a missing or blank one as empty text, which the model puts
 * out of scope (`empty_text`) as it does text with nothing to read, so that both give the same result.
 */
function messageOf(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const hint = 'Point "Text to Classify" at the message field, e.g. {{ $json.message }}';
	return messageText(context, itemIndex, value, 'Text to classify', hint) ?? '';
}

function resultOf(
	prediction: IntentPrediction,
	model: IntentModel,
	options: ClassifyOptions,
): IDataObject {
	return {
		label: prediction.label,
		confidence: prediction.confidence,
		isFallback: prediction.isFallback,
		...(prediction.reason !== undefined ? { reason: prediction.reason } : {}),
		topK: prediction.topK.map(({ label, confidence }) => ({ label, confidence })),
		...(options.includeLanguage !== false ? { language: prediction.language } : {}),
		model: { name: model.name, version: model.version },
	};
}

export async function classifyItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const givenOptions = this.getNodeParameter('options', 0, {}) as ClassifyOptions;
	const modelSource = this.getNodeParameter('modelSource', 0) as string;
	const single = this.getNodeParameter('outputMode', 0) === 'single';

	const branchNames = single
		? []
		: modelSource === 'examples'
			? typedIntentNames(this)
			: parseBranchIntents(this.getNodeParameter('branchIntents', 0, []));
	const layout = branchLayout(branchNames, modelSource !== 'examples');
	const outputs: INodeExecutionData[][] = Array.from({ length: single ? 1 : layout.branchCount }, () => []);
	const emit = (itemIndex: number, fields: IDataObject, branch: number) =>
		outputs[single ? 0 : branch].push(withFields(items[itemIndex], itemIndex, fields));

	const failed = (itemIndex: number, error: Error) => {
		if (!this.continueOnFail()) throw error;
		emit(itemIndex, { error: error.message }, layout.fallbackBranch);
	};

	let options: ClassifyOptions;
	let fieldName: string;
	let model: IntentModel;
	try {
		// Options are the node's, read once: a bad one fails every item, as a model that cannot load does.
		options = numberOptions(this, givenOptions, NUMBER_OPTIONS, 0);
		fieldName = fieldNameOption(this, options.fieldName, 'intent');
		model = await loadIntentModel(this, modelSource, options.executionProvider ?? 'cpu');
	} catch (error) {
		const cause = asNodeOperationError(this, error);
		// Every item fails with it: under continue-on-fail n8n would otherwise pass them on unmarked
		// through the first intent's branch.
		items.forEach((_, itemIndex) => failed(itemIndex, cause));
		return outputs;
	}

	const textOf = itemParameter(this, 'text', '');
	const messages: Array<{ itemIndex: number; text: string }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			messages.push({ itemIndex, text: messageOf(this, itemIndex, textOf(itemIndex)) });
		} catch (error) {
			failed(itemIndex, error as Error);
		}
	}

	const batchSize = batchSizeOf(options.batchSize);
	for (let start = 0; start < messages.length; start += batchSize) {
		const batch = messages.slice(start, start + batchSize);
		let predictions: IntentPrediction[];
		try {
			predictions = await model.classify(
				batch.map(({ text }) => text),
				{
					topK: options.topK ?? 3,
					confidenceThreshold: options.confidenceThreshold,
					ambiguityMargin: options.ambiguityMargin,
				},
			);
		} catch (error) {
			const cause = new NodeOperationError(this.getNode(), `Classification failed: ${(error as Error).message}`, {
				itemIndex: batch[0].itemIndex,
			});
			for (const { itemIndex } of batch) failed(itemIndex, cause);
			continue;
		}
		batch.forEach(({ itemIndex }, position) => {
			const prediction = predictions[position];
			const result = resultOf(prediction, model, options);
			emit(itemIndex, { [fieldName]: result }, branchFor(layout, prediction.label, prediction.isFallback));
		});
	}

	// n8n expects items in input order on each output.
	for (const output of outputs) output.sort((a, b) => pairedIndex(a) - pairedIndex(b));
	return outputs;
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	return typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : 0;
}
