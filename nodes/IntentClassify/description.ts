import type { INodeProperties } from 'n8n-workflow';

import {
	batchSizeOption,
	executionProviderOption,
	huggingFaceFolderProperty,
	modelStoreFolderProperty,
	trainedModelProperty,
} from '../shared/modelSourceProperties';
import { BUILT_IN_INTENT_MODELS } from './modelSources';

/**
 * Output branches from the parameters (n8n evaluates this in the editor and at run time):
 * examples typed in the node → one branch per intent, then Fallback; a model with many labels →
 * a branch per chosen intent, then Other (every other intent), then Fallback (out of scope, too unsure,
 * empty). Kept self-contained: n8n serializes the function into the description.
 */
export const configuredOutputs = (parameters: {
	outputMode?: string;
	modelSource?: string;
	intents?: { intent?: Array<{ name?: string }> };
	branchIntents?: string[] | string;
}) => {
	if (parameters.outputMode === 'single') return [{ type: 'main', displayName: 'Output' }];
	const fromExamples = (parameters.modelSource ?? 'examples') === 'examples';
	const chosen = fromExamples
		? (parameters.intents?.intent ?? []).map((intent) => intent.name ?? '')
		: typeof parameters.branchIntents === 'string'
			? parameters.branchIntents.split(',').map((name) => name.trim())
			: (parameters.branchIntents ?? []);
	const outputs = chosen.filter((name) => name !== '').map((name) => ({ type: 'main', displayName: name }));
	if (!fromExamples) outputs.push({ type: 'main', displayName: 'Other' });
	outputs.push({ type: 'main', displayName: 'Fallback' });
	return outputs;
};

const modelSource: INodeProperties = {
	displayName: 'Model Source',
	name: 'modelSource',
	type: 'options',
	noDataExpression: true,
	default: 'examples',
	options: [
		{
			name: 'Examples in This Node',
			value: 'examples',
			description: 'Type intents and a few example phrases; the node trains a model on first use',
		},
		{
			name: 'Built-in Model',
			value: 'builtIn',
			description: 'A model shipped with the package',
		},
		{
			name: 'Trained Model',
			value: 'trained',
			description: 'The promoted version of a model trained by the Feedback & Retrain node',
		},
		{
			name: 'Hugging Face ONNX Export',
			value: 'huggingFace',
			description: 'A folder holding a sequence-classification export: model.onnx with its tokenizer and config files',
		},
	],
};

const intents: INodeProperties = {
	displayName: 'Intents',
	name: 'intents',
	placeholder: 'Add Intent',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	displayOptions: { show: { modelSource: ['examples'] } },
	options: [
		{
			name: 'intent',
			displayName: 'Intent',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					description: 'Intent label; also the name of its output branch',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'What the intent covers; used as one more training example',
				},
				{
					displayName: 'Examples',
					name: 'examples',
					type: 'string',
					typeOptions: { rows: 5 },
					default: '',
					placeholder: 'Where is my order?\n我的快递到哪了',
					description: 'One example phrase per line, in any language',
				},
			],
		},
	],
};

const builtInModel: INodeProperties = {
	displayName: 'Built-in Model',
	name: 'builtInModel',
	type: 'options',
	default: 'support-zh-en',
	displayOptions: { show: { modelSource: ['builtIn'] } },
	options: BUILT_IN_INTENT_MODELS.map(({ name, title, description }) => ({ name: title, value: name, description })),
};




const text: INodeProperties = {
	displayName: 'Text to Classify',
	name: 'text',
	type: 'string',
	default: '={{ $json.message }}',
	required: true,
	typeOptions: { rows: 2 },
	description: 'The customer message, usually an expression that points at the message field of the item',
};

const outputMode: INodeProperties = {
	displayName: 'Output Mode',
	name: 'outputMode',
	type: 'options',
	noDataExpression: true,
	default: 'branchPerIntent',
	options: [
		{
			name: 'One Branch per Intent',
			value: 'branchPerIntent',
			description: 'Route each item to its intent’s branch; unsure or out-of-scope items go to Fallback',
		},
		{
			name: 'Single Output',
			value: 'single',
			description: 'Every item on one output, with the result in a field',
		},
	],
};

const branchIntents: INodeProperties = {
	displayName: 'Branch Intent Names or IDs',
	name: 'branchIntents',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'listModelIntents', loadOptionsDependsOn: ['modelSource', 'builtInModel', 'trainedModel', 'huggingFaceFolder'] },
	default: [],
	displayOptions: { show: { outputMode: ['branchPerIntent'], modelSource: ['builtIn', 'trained', 'huggingFace'] } },
	description:
		'Intents that get their own output branch; the model’s other intents leave through Other. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Ambiguity Margin',
			name: 'ambiguityMargin',
			type: 'number',
			typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 3 },
			default: -1,
			description:
				'Fallback when the top two intents are closer than this. -1: the margin calibrated on validation data when the model was trained.',
		},
		batchSizeOption,
		{
			displayName: 'Confidence Threshold',
			name: 'confidenceThreshold',
			type: 'number',
			typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 3 },
			default: -1,
			description:
				'Fallback below this confidence. -1: the threshold calibrated on validation data when the model was trained.',
		},
		executionProviderOption,
		{
			displayName: 'Field Name',
			name: 'fieldName',
			type: 'string',
			default: 'intent',
			description: 'Field that receives the result',
		},
		{
			displayName: 'Include Language',
			name: 'includeLanguage',
			type: 'boolean',
			default: true,
			description: 'Whether to report the detected language (zh, en, mixed)',
		},
		{
			displayName: 'Top K',
			name: 'topK',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 3,
			description: 'How many ranked intents to report',
		},
	],
};

export const intentClassifyProperties: INodeProperties[] = [
	modelSource,
	intents,
	builtInModel,
	trainedModelProperty,
	huggingFaceFolderProperty('/data/models/my-bert-intents'),
	modelStoreFolderProperty(['trained', 'examples']),
	text,
	outputMode,
	branchIntents,
	options,
];
