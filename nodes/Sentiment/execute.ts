import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	CUE_KINDS,
	CueLexicon,
	DEFAULT_CONVERSATION_SETTINGS,
	DEFAULT_ESCALATION_SETTINGS,
	DEFAULT_SHOUTING_SETTINGS,
	SentimentAnalyzer,
	emptyResult,
	type AnalyzeSettings,
	type ConversationSentiment,
	type ConversationSettings,
	type CueKind,
	type SentimentResult,
} from '../../core/sentiment';
import { itemParameter } from '../shared/itemParameter';
import { batchSizeOf } from '../shared/modelSourceProperties';
import { numberOptions, type NumberRule } from '../shared/numberParameter';
import { asNodeOperationError } from '../shared/nodeError';
import { withFields } from '../shared/outputItem';
import { fieldNameOption, kindOf, messageText } from '../shared/textParameter';
import { loadSentimentModels, type LoadedModels } from './modelSources';
import { sentimentBranches, type SentimentBranches } from './routing';

interface SentimentOptions {
	angerProbability?: number;
	batchSize?: number;
	capsRatio?: number;
	escalationThreshold?: number;
	executionProvider?: 'cpu' | 'cuda';
	fieldName?: unknown;
	halfLife?: number;
	includeEmotion?: boolean;
	leaningNegativeScore?: number;
	neutralBand?: number;
	punctuationRun?: number;
	strongNegativeScore?: number;
	trendThreshold?: number;
}

const NUMBER_OPTIONS: Partial<Record<keyof SentimentOptions, NumberRule>> = {
	angerProbability: { displayName: 'Anger Probability', min: 0, max: 1 },
	capsRatio: { displayName: 'Capitals Ratio', min: 0, max: 1 },
	escalationThreshold: { displayName: 'Escalation Threshold', min: 0 },
	halfLife: { displayName: 'Recency Half-Life', min: 0.1 },
	leaningNegativeScore: { displayName: 'Leaning Negative Score', min: -1, max: 0 },
	neutralBand: { displayName: 'Neutral Band', min: -1, max: 1 },
	punctuationRun: { displayName: 'Repeated Punctuation', min: 2, integer: true },
	strongNegativeScore: { displayName: 'Strong Negative Score', min: -1, max: 0 },
	trendThreshold: { displayName: 'Trend Threshold', min: 0, max: 2 },
};

/** An item's input: its message(s), or a result it gets without the model (empty text). */
type ItemInput = { itemIndex: number; texts: string[] } | { itemIndex: number; empty: true };

/** Roles whose messages are not the customer's (OpenAI's chat format's included): skipped in conversation mode. */
const NOT_CUSTOMER = new Set(['assistant', 'agent', 'bot', 'system', 'developer', 'tool', 'function']);
const TEXT_FIELDS = ['text', 'content', 'message'] as const;

function refuse(context: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** The text parameter's value: one message, or none. */
function messageOf(context: IExecuteFunctions, itemIndex: number, value: unknown): ItemInput {
	const text = messageText(context, itemIndex, value, 'Text', 'Point "Text" at the message field, e.g. {{ $json.message }}');
	return text === undefined ? { itemIndex, empty: true } : { itemIndex, texts: [text] };
}

/**
 * The text of OpenAI's multi-part message content (`[{type: 'text', text}, {type: 'image_url', …}]`; the
 * Responses API's `input_text` too), parts joined by a line break; undefined when `content` is not such a
 * list. A message of images only has no text.
 */
function textOfParts(content: unknown): string | undefined {
	if (!Array.isArray(content) || !content.every((part) => typeof part === 'object' && part !== null && typeof (part as { type?: unknown }).type === 'string')) {
		return undefined;
	}
	return (content as Array<{ type: string; text?: unknown }>)
		.filter((part) => (part.type === 'text' || part.type === 'input_text') && typeof part.text === 'string')
		.map((part) => part.text as string)
		.join('\n');
}

/** The messages parameter's value: an array of strings or of message objects, oldest first. */
function conversationOf(context: IExecuteFunctions, itemIndex: number, messages: unknown): ItemInput {
	let value = messages;
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			value = JSON.parse(value);
		} catch (error) {
			refuse(
				context,
				itemIndex,
				`Messages is not valid JSON: ${(error as Error).message}`,
				'Point "Messages" at an array of the conversation’s messages, e.g. {{ $json.messages }}, or give a JSON array',
			);
		}
	}
	if (value === undefined || value === null) return { itemIndex, empty: true };
	if (!Array.isArray(value)) {
		refuse(
			context,
			itemIndex,
			`Messages must be an array, got ${kindOf(value)}`,
			'Point "Messages" at an array of the conversation’s messages, e.g. {{ $json.messages }}',
		);
	}
	const texts: string[] = [];
	value.forEach((message: unknown, position) => {
		if (typeof message === 'string') return texts.push(message);
		// As in message mode and Intent Classify: numbers and booleans are read as text.
		if (typeof message === 'number' || typeof message === 'boolean') return texts.push(String(message));
		if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
			const record = message as Record<string, unknown>;
			if (typeof record.role === 'string' && NOT_CUSTOMER.has(record.role.toLowerCase())) return;
			const field = TEXT_FIELDS.find((name) => typeof record[name] === 'string');
			if (field !== undefined) return texts.push(record[field] as string);
			const parts = textOfParts(record.content);
			if (parts !== undefined) return texts.push(parts);
		}
		refuse(
			context,
			itemIndex,
			`Message ${position + 1} of the conversation is ${kindOf(message)} without a text`,
			'Each message must be a string or an object with a "text", "content" or "message" string field (or OpenAI\'s list of content parts)',
		);
	});
	return texts.every((text) => text.trim() === '') ? { itemIndex, empty: true } : { itemIndex, texts };
}

/** The built-in lexicon with the node's Extra Cue Phrases; a kind or phrases that an expression made no text of are refused. */
function lexiconWithExtras(context: IExecuteFunctions): CueLexicon {
	const extras = (context.getNodeParameter('extraCues.cue', 0, []) as Array<{ kind?: unknown; phrases?: unknown }>) ?? [];
	const lexicon = CueLexicon.builtIn();
	extras.forEach(({ kind, phrases }, position) => {
		if (kind === undefined) return;
		const cue = `Extra Cue Phrases, cue ${position + 1}`;
		if (!(CUE_KINDS as readonly unknown[]).includes(kind)) {
			throw new NodeOperationError(context.getNode(), `${cue}: unknown Kind ${JSON.stringify(kind) ?? String(kind)}`, {
				description: `Kind must be one of ${CUE_KINDS.join(', ')}`,
			});
		}
		if (phrases !== undefined && phrases !== null && typeof phrases !== 'string') {
			throw new NodeOperationError(context.getNode(), `${cue}: Phrases must be text, got ${kindOf(phrases)}`, {
				description: 'One phrase per line; an expression must give a string, e.g. {{ $json.phrases.join("\\n") }}',
			});
		}
		lexicon.add(
			kind as CueKind,
			(phrases ?? '').split('\n').map((phrase) => phrase.trim()).filter((phrase) => phrase !== ''),
		);
	});
	return lexicon;
}

function analyzeSettings(options: SentimentOptions): AnalyzeSettings {
	return {
		...(options.neutralBand !== undefined ? { neutralBand: options.neutralBand } : {}),
		escalation: {
			threshold: options.escalationThreshold ?? DEFAULT_ESCALATION_SETTINGS.threshold,
			strongNegativeScore: options.strongNegativeScore ?? DEFAULT_ESCALATION_SETTINGS.strongNegativeScore,
			leaningNegativeScore: options.leaningNegativeScore ?? DEFAULT_ESCALATION_SETTINGS.leaningNegativeScore,
			angerProbability: options.angerProbability ?? DEFAULT_ESCALATION_SETTINGS.angerProbability,
		},
		shouting: {
			...DEFAULT_SHOUTING_SETTINGS,
			capsRatio: options.capsRatio ?? DEFAULT_SHOUTING_SETTINGS.capsRatio,
			punctuationRun: options.punctuationRun ?? DEFAULT_SHOUTING_SETTINGS.punctuationRun,
		},
		emotion: options.includeEmotion !== false,
		batchSize: batchSizeOf(options.batchSize),
	};
}

const rounded = (value: number) => Math.round(value * 10_000) / 10_000;

/** A result as the item's field: numbers rounded to 4 places, and the model that read the message. */
function resultJson(result: SentimentResult | ConversationSentiment, model: LoadedModels['description']): IDataObject {
	const json: IDataObject = {
		label: result.label,
		score: rounded(result.score),
		confidence: rounded(result.confidence),
		intensity: rounded(result.intensity),
		language: result.language,
		escalate: result.escalate,
		reasons: result.reasons,
	};
	if ('trend' in result) {
		json.trend = result.trend;
		json.trendDelta = rounded(result.trendDelta);
		json.messages = result.messages.map(({ label, score, escalate, reasons }) => ({ label, score: rounded(score), escalate, reasons }));
	} else {
		json.escalationScore = result.escalationScore;
		if (result.emotion) {
			const { label, scores, source } = result.emotion;
			json.emotion = { label, source, scores: Object.fromEntries(Object.entries(scores).map(([emotion, score]) => [emotion, rounded(score)])) };
		}
	}
	json.model = model;
	return json;
}

export async function analyzeItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const givenOptions = this.getNodeParameter('options', 0, {}) as SentimentOptions;
	const conversation = this.getNodeParameter('inputMode', 0, 'message') === 'conversation';
	const single = this.getNodeParameter('outputMode', 0) === 'single';
	const branches: SentimentBranches = sentimentBranches(single, this.getNodeParameter('escalateBranch', 0, true) as boolean);

	const outputs: INodeExecutionData[][] = Array.from({ length: branches.count }, () => []);
	const failed = (itemIndex: number, error: Error) => {
		if (!this.continueOnFail()) throw error;
		outputs[branches.errors].push(withFields(items[itemIndex], itemIndex, { error: error.message }));
	};

	let options: SentimentOptions;
	let fieldName: string;
	let models: LoadedModels;
	let analyzer: SentimentAnalyzer;
	try {
		// Options are the node's, read once: a bad one fails every item, as a model that cannot load does.
		options = numberOptions(this, givenOptions, NUMBER_OPTIONS, 0);
		fieldName = fieldNameOption(this, options.fieldName, 'sentiment');
		const modelSource = this.getNodeParameter('modelSource', 0) as string;
		models = await loadSentimentModels(this, modelSource, { executionProvider: options.executionProvider ?? 'cpu', logger: this.logger });
		analyzer = new SentimentAnalyzer(models, lexiconWithExtras(this));
	} catch (error) {
		const cause = asNodeOperationError(this, error);
		// Every item fails with it: under continue-on-fail n8n would otherwise pass them through unread, on Positive.
		items.forEach((_, itemIndex) => failed(itemIndex, cause));
		return outputs;
	}

	const emit = (itemIndex: number, result: SentimentResult | ConversationSentiment) =>
		outputs[branches.of(result)].push(withFields(items[itemIndex], itemIndex, { [fieldName]: resultJson(result, models.description) }));

	const valueOf = conversation ? itemParameter(this, 'messages', []) : itemParameter(this, 'text', '');
	const inputs: Array<{ itemIndex: number; texts: string[] }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const value = valueOf(itemIndex);
			const input = conversation ? conversationOf(this, itemIndex, value) : messageOf(this, itemIndex, value);
			if ('empty' in input) {
				const empty = emptyResult();
				emit(itemIndex, conversation ? { ...empty, trend: 'stable', trendDelta: 0, messages: [] } : empty);
			} else {
				inputs.push(input);
			}
		} catch (error) {
			failed(itemIndex, error as Error);
		}
	}

	const settings = analyzeSettings(options);
	const conversationSettings: ConversationSettings = {
		halfLife: options.halfLife ?? DEFAULT_CONVERSATION_SETTINGS.halfLife,
		trendThreshold: options.trendThreshold ?? DEFAULT_CONVERSATION_SETTINGS.trendThreshold,
	};
	// Every message of the run in one analyze() call: one model run per language per batch.
	let results: Array<SentimentResult | ConversationSentiment> = [];
	try {
		results = conversation
			? await analyzer.analyzeConversations(
					inputs.map(({ texts }) => texts),
					settings,
					conversationSettings,
				)
			: await analyzer.analyze(
					inputs.map(({ texts }) => texts[0]),
					settings,
				);
	} catch (error) {
		if (inputs.length > 0) {
			const cause = new NodeOperationError(this.getNode(), `Sentiment analysis failed: ${(error as Error).message}`, {
				itemIndex: inputs[0].itemIndex,
			});
			for (const { itemIndex } of inputs) failed(itemIndex, cause);
		}
	}
	results.forEach((result, position) => emit(inputs[position].itemIndex, result));

	// n8n expects items in input order on each output.
	for (const output of outputs) output.sort((a, b) => pairedIndex(a) - pairedIndex(b));
	return outputs;
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	return typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : 0;
}
