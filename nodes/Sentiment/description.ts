import type { INodeProperties } from 'n8n-workflow';

import { CUE_KINDS } from '../../core/sentiment/lexicon';
import {
	batchSizeOption,
	executionProviderOption,
	huggingFaceFolderProperty,
	modelStoreFolderProperty,
	trainedModelProperty,
} from '../shared/modelSourceProperties';

/**
 * Output branches from the parameters (n8n evaluates this in the editor and at run time): Positive,
 * Neutral, Negative in the order of n8n's own Sentiment Analysis node (so it can be swapped in), then
 * Escalate when enabled; or a single output. Kept self-contained: n8n serializes the function.
 */
export const configuredOutputs = (parameters: { outputMode?: string; escalateBranch?: boolean }) => {
	if (parameters.outputMode === 'single') return [{ type: 'main', displayName: 'Output' }];
	const outputs = ['Positive', 'Neutral', 'Negative'].map((name) => ({ type: 'main', displayName: name }));
	if (parameters.escalateBranch !== false) outputs.push({ type: 'main', displayName: 'Escalate' });
	return outputs;
};

const modelSource: INodeProperties = {
	displayName: 'Model Source',
	name: 'modelSource',
	type: 'options',
	noDataExpression: true,
	default: 'builtIn',
	options: [
		{
			name: 'Built-in Models',
			value: 'builtIn',
			description: 'Chinese (ChnSentiCorp) and English (GoEmotions + review sentences) models shipped with the package',
		},
		{
			name: 'Trained Model',
			value: 'trained',
			description: 'The promoted version of a model trained by Feedback & Retrain, with negative / positive (/ neutral) labels',
		},
		{
			name: 'Hugging Face ONNX Export',
			value: 'huggingFace',
			description: 'A folder with an ONNX sequence-classification export whose labels are negative / positive (/ neutral)',
		},
		{
			name: 'AFINN Lexicon (English, for Comparison)',
			value: 'lexicon',
			description: 'English by word list (AFINN-165) instead of the model; Chinese still uses the built-in model',
		},
	],
};




const inputMode: INodeProperties = {
	displayName: 'Input',
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	default: 'message',
	options: [
		{ name: 'One Message per Item', value: 'message' },
		{
			name: 'Conversation per Item',
			value: 'conversation',
			description: 'An array of messages (oldest first): recency-weighted overall sentiment and its trend',
		},
	],
};

const text: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	default: '={{ $json.message }}',
	required: true,
	typeOptions: { rows: 2 },
	displayOptions: { show: { inputMode: ['message'] } },
	description: 'The customer message; an expression such as {{ $JSON.message }} or {{ $JSON.body.text }}',
};

const messages: INodeProperties = {
	displayName: 'Messages',
	name: 'messages',
	type: 'string',
	default: '={{ $json.messages }}',
	required: true,
	displayOptions: { show: { inputMode: ['conversation'] } },
	description:
		'An array, oldest message first: strings, or objects with a text / content / message field (messages whose role is assistant, agent, bot, system, developer, tool or function are skipped)',
};

const outputMode: INodeProperties = {
	displayName: 'Output Mode',
	name: 'outputMode',
	type: 'options',
	noDataExpression: true,
	default: 'branchPerSentiment',
	options: [
		{
			name: 'One Branch per Sentiment',
			value: 'branchPerSentiment',
			description: 'Positive, Neutral and Negative branches (and Escalate, which takes precedence)',
		},
		{ name: 'Single Output', value: 'single', description: 'Every item on one output, with the result in a field' },
	],
};

const escalateBranch: INodeProperties = {
	displayName: 'Escalate Branch',
	name: 'escalateBranch',
	type: 'boolean',
	default: true,
	displayOptions: { show: { outputMode: ['branchPerSentiment'] } },
	description: 'Whether items to escalate (threats, anger, urgency, repeated contact, demands for a manager, shouting, profanity, strong negativity) leave through their own branch instead of their sentiment’s',
};

const extraCues: INodeProperties = {
	displayName: 'Extra Cue Phrases',
	name: 'extraCues',
	placeholder: 'Add Phrases',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Phrases added to the built-in escalation lexicon (Chinese or English; a trailing * matches any word ending)',
	options: [
		{
			name: 'cue',
			displayName: 'Cue',
			values: [
				{
					displayName: 'Kind',
					name: 'kind',
					type: 'options',
					default: 'threat',
					options: CUE_KINDS.map((kind) => ({ name: kind[0].toUpperCase() + kind.slice(1), value: kind })),
				},
				{
					displayName: 'Phrases',
					name: 'phrases',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					placeholder: '黑猫投诉\nsmall claims court',
					description: 'One phrase per line',
				},
			],
		},
	],
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Anger Probability',
			name: 'angerProbability',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.6,
			description: 'English emotion model: p(anger) from which a message counts as angry (an escalation signal)',
		},
		batchSizeOption,
		{
			displayName: 'Capitals Ratio',
			name: 'capsRatio',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.7,
			description: 'Share of capital letters (in messages with 8+ Latin letters) that counts as shouting',
		},
		{
			displayName: 'Escalation Threshold',
			name: 'escalationThreshold',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			description:
				'Sum of signal weights that escalates: threat 1, churn / repeated contact / asking for a manager / profanity / anger 0.6, urgency / shouting / negative 0.4, strongly negative +0.3',
		},
		executionProviderOption,
		{
			displayName: 'Field Name',
			name: 'fieldName',
			type: 'string',
			default: 'sentiment',
			description: 'Field that receives the result',
		},
		{
			displayName: 'Include Emotion',
			name: 'includeEmotion',
			type: 'boolean',
			default: true,
			description: 'Whether to report anger / fear / sadness / joy (English: model, Chinese: lexicon)',
		},
		{
			displayName: 'Leaning Negative Score',
			name: 'leaningNegativeScore',
			type: 'number',
			typeOptions: { minValue: -1, maxValue: 0, numberPrecision: 2 },
			default: -0.1,
			description:
				'Score at or below which a message labelled neutral still counts as negative for escalation when it has a cue phrase or shouting (a grievance stated without emotive words). -1 turns this off.',
		},
		{
			displayName: 'Neutral Band',
			name: 'neutralBand',
			type: 'number',
			typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 2 },
			default: -1,
			description:
				'Scores closer to 0 than this are neutral. -1: the band calibrated on validation data for the built-in models (0.3 for other models).',
		},
		{
			displayName: 'Recency Half-Life',
			name: 'halfLife',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 2,
			displayOptions: { show: { '/inputMode': ['conversation'] } },
			description: 'Conversation: messages back at which a message weighs half as much as the latest one',
		},
		{
			displayName: 'Repeated Punctuation',
			name: 'punctuationRun',
			type: 'number',
			typeOptions: { minValue: 2 },
			default: 3,
			description: 'Length of a run of ! or ? (！？ and the emoji ❗ ❓ too) that counts as shouting',
		},
		{
			displayName: 'Strong Negative Score',
			name: 'strongNegativeScore',
			type: 'number',
			typeOptions: { minValue: -1, maxValue: 0, numberPrecision: 2 },
			default: -0.8,
			description: 'Score at or below which a negative message counts as strongly negative',
		},
		{
			displayName: 'Trend Threshold',
			name: 'trendThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
			default: 0.3,
			displayOptions: { show: { '/inputMode': ['conversation'] } },
			description: 'Conversation: score change from first to last message that counts as improving or worsening',
		},
	],
};

export const sentimentProperties: INodeProperties[] = [
	modelSource,
	trainedModelProperty,
	huggingFaceFolderProperty('/data/models/my-sentiment-bert'),
	modelStoreFolderProperty(['trained']),
	inputMode,
	text,
	messages,
	outputMode,
	escalateBranch,
	extraCues,
	options,
];
