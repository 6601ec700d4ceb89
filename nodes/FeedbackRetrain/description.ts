import type { INodeProperties } from 'n8n-workflow';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'recordFeedback',
	options: [
		{
			name: 'Create Model From Dataset',
			value: 'createModel',
			action: 'Create a model from a CSV or TSV file',
			description: 'Start a new model from labelled messages (e.g. your ticket history) and train its first version',
		},
		{
			name: 'Evaluate',
			value: 'evaluate',
			action: 'Evaluate a model version',
			description: 'Measure a version on its held-out split or on a CSV/TSV file',
		},
		{
			name: 'Export Dataset',
			value: 'exportDataset',
			action: 'Export the training data as CSV',
			description: 'The base training set with the feedback applied, or the raw feedback records',
		},
		{
			name: 'List Versions',
			value: 'listVersions',
			action: 'List the versions of a model',
			description: 'One item per version, with its metrics and whether it is promoted',
		},
		{
			name: 'Record Feedback',
			value: 'recordFeedback',
			action: 'Record feedback on a prediction',
			description: 'Store a correction (text, predicted and correct label) durably for the next retrain',
		},
		{
			name: 'Retrain',
			value: 'retrain',
			action: 'Retrain a model with its feedback',
			description: 'Train a new version on the base set + feedback and promote it if it is not worse than the current one',
		},
		{
			name: 'Roll Back',
			value: 'rollBack',
			action: 'Roll back to an earlier version',
			description: 'Point the model at another version in one step',
		},
	],
};

const show = (...operations: string[]) => ({ show: { operation: operations } });
const allButCreate = ['recordFeedback', 'retrain', 'evaluate', 'listVersions', 'rollBack', 'exportDataset'];

const storeFolder: INodeProperties = {
	displayName: 'Model Store Folder',
	name: 'modelStoreFolder',
	type: 'string',
	default: '',
	placeholder: '~/.n8n/support-ai',
	description:
		'Folder holding the models, their feedback and versions (shared with Intent Classify). Empty: support-ai inside the n8n user folder. A volume several n8n instances of one host mount works too.',
};

const model: INodeProperties = {
	displayName: 'Model Name or ID',
	name: 'model',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'listModels', loadOptionsDependsOn: ['modelStoreFolder'] },
	default: '',
	required: true,
	displayOptions: show(...allButCreate),
	description:
		'Model in the store. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const ifModelMissing: INodeProperties = {
	displayName: 'If the Model Is Not in the Store',
	name: 'ifModelMissing',
	type: 'options',
	default: 'fail',
	displayOptions: show('recordFeedback', 'retrain'),
	options: [
		{ name: 'Fail', value: 'fail', description: 'Models are created with Create Model From Dataset' },
		{
			name: 'Start From Built-in Customer Support (Chinese + English)',
			value: 'support-zh-en',
			description:
				'Create it from the built-in model support-zh-en: its shipped training set as base data, its test set held out, the shipped model as version 1',
		},
	],
	description: 'Correct a built-in model: the first correction or retrain creates a model of this name from it',
};

const recordFeedbackProperties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '={{ $json.text }}',
		required: true,
		displayOptions: show('recordFeedback'),
		description: 'The customer message the feedback is about',
	},
	{
		displayName: 'Correct Label',
		name: 'correctLabel',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'refund',
		displayOptions: show('recordFeedback'),
		description: 'The intent the message should have had; a label the model does not know yet is added at the next retrain',
	},
	{
		displayName: 'Predicted Label',
		name: 'predictedLabel',
		type: 'string',
		default: '',
		placeholder: '={{ $json.intent.label }}',
		displayOptions: show('recordFeedback'),
		description: 'What the model predicted (kept for reports; optional)',
	},
	{
		displayName: 'Additional Fields',
		name: 'feedbackFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('recordFeedback'),
		options: [
			{ displayName: 'Agent', name: 'agent', type: 'string', default: '', description: 'Who gave the feedback' },
			{ displayName: 'Channel', name: 'channel', type: 'string', default: '', description: 'E.g. web chat, e-mail, WeChat.' },
			{ displayName: 'Conversation ID', name: 'conversationId', type: 'string', default: '' },
			{ displayName: 'Rating', name: 'rating', type: 'number', default: 0, description: 'A score the customer or agent gave' },
		],
	},
];

const retrainProperties: INodeProperties[] = [
	{
		displayName: 'Tolerance',
		name: 'tolerance',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 },
		default: 0.01,
		displayOptions: show('retrain'),
		description:
			'How much worse than the current version the new one may be on the held-out split and still be promoted (0.01 = one percentage point)',
	},
	{
		displayName: 'Compare By',
		name: 'gateMetric',
		type: 'options',
		default: 'accuracy',
		displayOptions: show('retrain'),
		options: [
			{ name: 'Accuracy', value: 'accuracy' },
			{ name: 'Macro-F1', value: 'macroF1', description: 'Every label counts the same, however rare' },
		],
	},
	{
		displayName: 'If Training Is in Progress',
		name: 'ifTrainingInProgress',
		type: 'options',
		default: 'fail',
		displayOptions: show('retrain'),
		options: [
			{ name: 'Fail', value: 'fail', description: 'Answer "training in progress" (an error, or an error item with Continue On Fail)' },
			{ name: 'Wait', value: 'wait', description: 'Wait for the running retrain to finish, then retrain' },
		],
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		displayOptions: { show: { operation: ['retrain'], ifTrainingInProgress: ['wait'] } },
	},
];

const binaryProperty = (displayOptions: INodeProperties['displayOptions'], description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	displayOptions,
	description,
});

const columnProperties = (displayOptions: INodeProperties['displayOptions']): INodeProperties[] => [
	{
		displayName: 'Text Column',
		name: 'textColumn',
		type: 'string',
		default: 'text',
		required: true,
		displayOptions,
		description: 'Header of the column with the messages',
	},
	{
		displayName: 'Label Column',
		name: 'labelColumn',
		type: 'string',
		default: 'label',
		required: true,
		displayOptions,
		description: 'Header of the column with the intents',
	},
	{
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		default: 'auto',
		displayOptions,
		options: [
			{ name: 'From File Name', value: 'auto', description: '.csv is CSV; .tsv, .tab and .txt are TSV' },
			{ name: 'CSV', value: 'csv' },
			{ name: 'TSV', value: 'tsv' },
		],
	},
];

const evaluateOnFile = { show: { operation: ['evaluate'], evaluationData: ['binary'] } };

const evaluateProperties: INodeProperties[] = [
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: show('evaluate'),
		description: 'Version number to evaluate; 0 evaluates the promoted version',
	},
	{
		displayName: 'Evaluate On',
		name: 'evaluationData',
		type: 'options',
		default: 'heldOut',
		displayOptions: show('evaluate'),
		options: [
			{ name: 'Held-Out Split', value: 'heldOut', description: 'The base examples kept out of training' },
			{ name: 'CSV/TSV File', value: 'binary', description: 'Labelled messages in a binary field of the input item' },
		],
	},
	binaryProperty(evaluateOnFile, 'Binary field with the CSV or TSV file'),
	...columnProperties(evaluateOnFile),
];

const rollBackProperties: INodeProperties[] = [
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: show('rollBack'),
		description: 'Version to promote; 0 goes one step back (the newest promoted version before the current one)',
	},
];

const exportProperties: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'exportContent',
		type: 'options',
		default: 'trainingData',
		displayOptions: show('exportDataset'),
		options: [
			{
				name: 'Training Data',
				value: 'trainingData',
				description: 'Base set with the feedback applied, as Retrain uses it: text, label, source, split',
			},
			{ name: 'Feedback Records', value: 'feedback', description: 'Every feedback record with all its fields' },
		],
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show('exportDataset'),
	},
];

const createProperties: INodeProperties[] = [
	{
		displayName: 'New Model Name',
		name: 'newModelName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'support-tickets',
		displayOptions: show('createModel'),
		description: 'Letters or digits, then also ".", "_" or "-"',
	},
	binaryProperty(show('createModel'), 'Binary field with the CSV or TSV file (header row, one message per row)'),
	...columnProperties(show('createModel')),
	{
		displayName: 'Out-of-Scope Label',
		name: 'oosLabel',
		type: 'string',
		default: '',
		placeholder: 'out_of_scope',
		displayOptions: show('createModel'),
		description: 'The label your data uses for messages that fit no intent, if any',
	},
	{
		displayName: 'Held-Out Share',
		name: 'heldOutFraction',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 0.5, numberPrecision: 2 },
		default: 0.1,
		displayOptions: show('createModel'),
		description: 'Share of the examples kept out of training, to compare versions on; the same messages in every version',
	},
];

const trainingOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: show('retrain', 'createModel', 'evaluate'),
	options: [
		{
			displayName: 'Feedback Weight',
			name: 'feedbackWeight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 3,
			displayOptions: { show: { '/operation': ['retrain'] } },
			description: 'How many times each corrected message counts in training (one correction among thousands of examples needs a few)',
		},
		{
			displayName: 'Skip Without New Feedback',
			name: 'skipWithoutNewFeedback',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['retrain'] } },
			description:
				'Whether to train nothing when no feedback was recorded since the newest version was trained: one item with skipped: true and the reason (for scheduled retrains)',
		},
		{
			displayName: 'Put Metrics JSON in Field',
			name: 'metricsBinaryPropertyName',
			type: 'string',
			default: 'metrics',
		},
		{
			displayName: 'Put Picture in Field',
			name: 'pictureBinaryPropertyName',
			type: 'string',
			default: 'confusionMatrix',
			description: 'Binary field for the confusion-matrix picture (SVG)',
		},
	],
};

/** Every parameter of the node, in the order the editor shows them. */
export const feedbackRetrainProperties: INodeProperties[] = [
	operation,
	storeFolder,
	model,
	ifModelMissing,
	...recordFeedbackProperties,
	...retrainProperties,
	...evaluateProperties,
	...rollBackProperties,
	...exportProperties,
	...createProperties,
	trainingOptions,
];
