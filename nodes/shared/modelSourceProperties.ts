import type { INodeProperties } from 'n8n-workflow';

import { checkNumber } from './numberParameter';

/**
 * Parameters both classifying nodes (Intent Classify, Sentiment) use to pick a model trained by
 * Feedback & Retrain or a Hugging Face export. Their loadOptions method is `listTrainedModels`.
 */
export const trainedModelProperty: INodeProperties = {
	displayName: 'Trained Model Name or ID',
	name: 'trainedModel',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'listTrainedModels', loadOptionsDependsOn: ['modelStoreFolder'] },
	default: '',
	displayOptions: { show: { modelSource: ['trained'] } },
	description:
		'Model in the model store; its promoted version is used and a newly promoted one is picked up on the next execution. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function huggingFaceFolderProperty(placeholder: string): INodeProperties {
	return {
		displayName: 'Model Folder',
		name: 'huggingFaceFolder',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		displayOptions: { show: { modelSource: ['huggingFace'] } },
		description: 'Folder of an ONNX export (e.g. optimum-cli export onnx --task text-classification)',
	};
}

/** The model store folder, shown for the model sources that read or write the store. */
export function modelStoreFolderProperty(modelSources: string[]): INodeProperties {
	return {
		displayName: 'Model Store Folder',
		name: 'modelStoreFolder',
		type: 'string',
		default: '',
		placeholder: '~/.n8n/support-ai',
		displayOptions: { show: { modelSource: modelSources } },
		description:
			'Where trained models live (shared with Feedback & Retrain). Empty: support-ai inside the n8n user folder.',
	};
}

/** The option every node that runs an ONNX model offers; CUDA falls back to the CPU with one warning. */
export const executionProviderOption: INodeProperties = {
	displayName: 'Execution Provider',
	name: 'executionProvider',
	type: 'options',
	default: 'cpu',
	options: [
		{ name: 'CPU', value: 'cpu' },
		{ name: 'CUDA (Falls Back to CPU)', value: 'cuda' },
	],
};

/** Messages per ONNX run when the node's Batch Size option is not set. */
export const DEFAULT_BATCH_SIZE = 256;

export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_BATCH_SIZE,
	description: 'Messages per model run',
};

/**
 * The Batch Size option's value. Unlike other numbers, one an expression gets wrong (NaN, "all", 0)
 * takes the default rather than failing the items: it sets only how many messages one model run
 * reads, never a result.
 */
export function batchSizeOf(value: unknown): number {
	try {
		return checkNumber(value, { displayName: 'Batch Size', min: 1, integer: true }) ?? DEFAULT_BATCH_SIZE;
	} catch {
		return DEFAULT_BATCH_SIZE;
	}
}
