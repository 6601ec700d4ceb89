import type { INodeProperties } from 'n8n-workflow';

import { executionProviderOption } from '../shared/modelSourceProperties';

const mode: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	default: 'template',
	options: [
		{
			name: 'Templates',
			value: 'template',
			description: 'Fill a reply template per intent with the facts; no model needed',
		},
		{
			name: 'Local ONNX LLM',
			value: 'llm',
			description: 'A decoder-only model exported to ONNX (e.g. Qwen2.5-0.5B-Instruct), run in n8n on the CPU or GPU',
		},
		{
			name: 'OpenAI-Compatible Endpoint',
			value: 'endpoint',
			description: 'Chat completions from Ollama, vLLM, LM Studio, OpenAI or any compatible server',
		},
	],
};

const modelFolder: INodeProperties = {
	displayName: 'Model Folder',
	name: 'modelFolder',
	type: 'string',
	default: '',
	required: true,
	placeholder: '/data/models/qwen2.5-0.5b-instruct-onnx',
	displayOptions: { show: { mode: ['llm'] } },
	description:
		'Folder of an ONNX export with KV cache (optimum-cli export onnx --task text-generation-with-past): model.onnx with its tokenizer, config and generation config files',
};

const model: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'qwen2.5:0.5b',
	displayOptions: { show: { mode: ['endpoint'] } },
	description: 'Model name as the server knows it',
};

const question: INodeProperties = {
	displayName: 'Customer Message',
	name: 'question',
	type: 'string',
	default: '={{ $json.message }}',
	typeOptions: { rows: 2 },
	description: 'The message being answered; an expression such as {{ $JSON.message }} or {{ $JSON.body.text }}',
};

const language: INodeProperties = {
	displayName: 'Reply Language',
	name: 'language',
	type: 'options',
	default: 'auto',
	options: [
		{ name: 'Auto (Customer’s Language)', value: 'auto', description: 'From Intent Classify or Sentiment, else the message itself; mixed messages get Chinese' },
		{ name: 'Chinese', value: 'zh' },
		{ name: 'English', value: 'en' },
	],
};

const templates: INodeProperties = {
	displayName: 'Reply Templates',
	name: 'templates',
	placeholder: 'Add Template',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description:
		'Your replies per intent; they replace the built-in ones. Used in every mode for small talk, hand-overs, answers without facts and replies that fail the grounding check.',
	options: [
		{
			name: 'template',
			displayName: 'Template',
			values: [
				{
					displayName: 'Intent',
					name: 'intent',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'check_payment_methods',
					description: 'Intent label (from Intent Classify), or a relation name of the graph',
				},
				{
					displayName: 'Language',
					name: 'language',
					type: 'options',
					default: 'any',
					options: [
						{ name: 'Any', value: 'any' },
						{ name: 'Chinese', value: 'zh' },
						{ name: 'English', value: 'en' },
					],
				},
				{
					displayName: 'Template',
					name: 'text',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					placeholder: 'You can pay by {{factsOr.payment_method}}.',
					description:
						'Logic-less (Mustache) template: {{answer}}, {{answerOr}}, {{entity}}, {{facts.relation}}, {{details.relation}}, {{summary}}, {{customerName}}, {{item.field}}; sections {{#x}}…{{/x}}',
				},
				{
					displayName: 'Hands Over to a Person',
					name: 'handsOver',
					type: 'boolean',
					default: false,
					description: 'Whether this reply passes the customer to a person (sets needsHuman)',
				},
			],
		},
	],
};

const showForModels = { displayOptions: { show: { '/mode': ['llm', 'endpoint'] } } };

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Adapt Tone to Sentiment',
			name: 'adaptTone',
			type: 'boolean',
			default: true,
			description: 'Whether to apologise to unhappy customers and offer (or, when escalated, arrange) a person',
		},
		{
			displayName: 'Customer Name',
			name: 'customerName',
			type: 'string',
			default: '',
			placeholder: '={{ $json.customer.name }}',
			description: 'For {{customerName}} in templates and for the model',
		},
		{
			displayName: 'Escape HTML',
			name: 'escapeHtml',
			type: 'boolean',
			default: false,
			description: 'Whether {{value}} in templates is HTML-escaped (for HTML e-mail); {{{value}}} never is',
		},
		{ ...executionProviderOption, displayOptions: { show: { '/mode': ['llm'] } } },
		{
			displayName: 'Input Field: Intent',
			name: 'intentField',
			type: 'string',
			default: 'intent',
			description: 'Field holding Intent Classify’s result (or an intent label)',
		},
		{
			displayName: 'Input Field: KG',
			name: 'kgField',
			type: 'string',
			default: 'kg',
			description: 'Field holding KG Query’s result ({facts, paths})',
		},
		{
			displayName: 'Input Field: Sentiment',
			name: 'sentimentField',
			type: 'string',
			default: 'sentiment',
			description: 'Field holding Sentiment’s result ({label, score, escalate})',
		},
		{
			displayName: 'Max New Tokens',
			name: 'maxNewTokens',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 256,
			...showForModels,
		},
		{
			displayName: 'Output Field',
			name: 'outputField',
			type: 'string',
			default: 'answer',
			description: 'Field that receives the answer',
		},
		{
			displayName: 'Repetition Penalty',
			name: 'repetitionPenalty',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 2 },
			default: 1.1,
			displayOptions: { show: { '/mode': ['llm'] } },
			description: 'Above 1 discourages repeating tokens. Without this option: the value in the model’s generation config.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 2,
			displayOptions: { show: { '/mode': ['endpoint'] } },
			description: 'Further attempts after a refused connection, HTTP 429 or 5xx (not after a timeout)',
		},
		{
			displayName: 'Seed',
			name: 'seed',
			type: 'number',
			default: 42,
			...showForModels,
			description: 'Sampling with the same seed gives the same reply',
		},
		{
			displayName: 'Stop Sequences',
			name: 'stopSequences',
			type: 'string',
			default: '',
			placeholder: '\\n\\n, Customer:',
			...showForModels,
			description: 'Comma-separated texts that end the reply',
		},
		{
			displayName: 'System Prompt',
			name: 'systemPrompt',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			...showForModels,
			description:
				'Replaces the built-in instructions; a template like the reply templates, with {{facts}} where the facts go (appended when absent)',
		},
		{
			displayName: 'Temperature',
			name: 'temperature',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
			default: 0,
			...showForModels,
			description: '0 picks the most likely word every time (greedy); higher values vary the wording',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			...showForModels,
			description: 'Endpoint: error when no answer comes in time. Local model: stop generating and answer with what there is.',
		},
		{
			displayName: 'Top K',
			name: 'topK',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			displayOptions: { show: { '/mode': ['llm'] } },
			description: 'Sample only from the K most likely tokens (0: all)',
		},
		{
			displayName: 'Top P',
			name: 'topP',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 1,
			...showForModels,
			description: 'Sample only from the most likely tokens holding this much probability',
		},
		{
			displayName: 'Watched Names',
			name: 'watchedNames',
			type: 'string',
			default: '',
			placeholder: '顺丰, DHL, Apple Pay',
			...showForModels,
			description: 'Comma-separated names a model reply may mention only when the facts do (carriers, payment brands, competitors)',
		},
		{
			displayName: 'When the Reply Is Not Grounded',
			name: 'whenUngrounded',
			type: 'options',
			default: 'template',
			...showForModels,
			options: [
				{
					name: 'Send the Template Answer',
					value: 'template',
					description: 'Replace a reply with numbers or names the facts lack by the template answer (the reply is kept in rejectedText)',
				},
				{
					name: 'Send the Reply, Flagged',
					value: 'flag',
					description: 'Keep the reply, with grounded false and needsHuman true',
				},
			],
		},
	],
};

/** The node's parameters: what to answer with (mode and its model), the message, the templates, options. */
export const generateAnswerProperties: INodeProperties[] = [mode, modelFolder, model, question, language, templates, options];
