import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ModelAnswerSettings } from '../../core/generation/modelAnswer';
import type { SamplingSettings } from '../../core/generation/openAiChat';
import { validateReplyTemplate, type IntentTemplate, type TemplateSettings } from '../../core/generation/templateAnswer';
import type { Fact, GenerationInput, ReplyLanguage, SentimentSignal } from '../../core/generation/types';
import { languageOfWords } from '../../core/text/language';
import { LONGEST_TIMEOUT_SECONDS, numberOptions, type NumberRule } from '../shared/numberParameter';
import { withFields } from '../shared/outputItem';
import { fieldNameOption, messageParameter } from '../shared/textParameter';

export interface GenerateOptions {
	adaptTone?: boolean;
	customerName?: string;
	escapeHtml?: boolean;
	executionProvider?: 'cpu' | 'cuda';
	intentField?: string;
	kgField?: string;
	sentimentField?: string;
	maxNewTokens?: number;
	outputField?: string;
	repetitionPenalty?: number;
	retries?: number;
	seed?: number;
	stopSequences?: string;
	systemPrompt?: string;
	temperature?: number;
	timeout?: number;
	topK?: number;
	topP?: number;
	watchedNames?: string;
	whenUngrounded?: 'template' | 'flag';
}

const NUMBER_OPTIONS: Partial<Record<keyof GenerateOptions, NumberRule>> = {
	maxNewTokens: { displayName: 'Max New Tokens', min: 1, integer: true },
	repetitionPenalty: { displayName: 'Repetition Penalty', min: 1 },
	retries: { displayName: 'Retries', min: 0, max: 10, integer: true },
	seed: { displayName: 'Seed', integer: true },
	temperature: { displayName: 'Temperature', min: 0, max: 2 },
	timeout: { displayName: 'Timeout (Seconds)', min: 1, max: LONGEST_TIMEOUT_SECONDS },
	topK: { displayName: 'Top K', min: 0, integer: true },
	topP: { displayName: 'Top P', min: 0, max: 1 },
};

export function generateOptions(context: IExecuteFunctions, itemIndex: number): GenerateOptions {
	return numberOptions(context, context.getNodeParameter('options', itemIndex, {}) as GenerateOptions, NUMBER_OPTIONS, itemIndex);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Comma-separated text (either comma) as a list, blanks dropped. */
const commaList = (text: string | undefined): string[] =>
	(text ?? '')
		.split(/[,，]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');

/**
 * What one item says about the reply to write: the message (parameter), the intent, facts and mood
 * from the fields Intent Classify, KG Query and Sentiment write. Missing intent or facts are not errors
 * (the templates answer without them); facts of the wrong shape are, naming the field.
 */
export function readGenerationInput(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): GenerationInput {
	const fail = (message: string) => new NodeOperationError(context.getNode(), message, { itemIndex });
	const options = generateOptions(context, itemIndex);
	const json = item.json;
	const questionText = messageParameter(
		context,
		'question',
		itemIndex,
		'Customer Message',
		'Point "Customer Message" at the message field, e.g. {{ $json.message }}',
	);

	const intentField = options.intentField || 'intent';
	const intentValue = json[intentField];
	let intent: string | undefined;
	let intentLanguage: unknown;
	if (typeof intentValue === 'string') intent = intentValue;
	else if (isRecord(intentValue)) {
		intent = intentValue.isFallback === true || typeof intentValue.label !== 'string' ? undefined : intentValue.label;
		intentLanguage = intentValue.language;
	}

	const kgField = options.kgField || 'kg';
	const kg = json[kgField];
	if (kg !== undefined && kg !== null && !isRecord(kg)) throw fail(`"${kgField}" must be KG Query's result object ({facts, paths})`);
	const facts = readFacts(kg?.facts, kgField, fail);
	const paths = Array.isArray(kg?.paths) ? kg.paths.filter((path): path is string[] => Array.isArray(path)).map((path) => path.map(String)) : [];

	const sentimentValue = json[options.sentimentField || 'sentiment'];
	const sentiment: SentimentSignal | undefined =
		typeof sentimentValue === 'string'
			? { label: sentimentValue }
			: isRecord(sentimentValue)
				? {
						label: typeof sentimentValue.label === 'string' ? sentimentValue.label : undefined,
						score: typeof sentimentValue.score === 'number' ? sentimentValue.score : undefined,
						escalate: sentimentValue.escalate === true,
					}
				: undefined;

	const chosen = context.getNodeParameter('language', itemIndex, 'auto') as 'auto' | ReplyLanguage;
	const language =
		chosen !== 'auto'
			? chosen
			: replyLanguage([intentLanguage, isRecord(sentimentValue) ? sentimentValue.language : undefined], questionText, facts);

	const customerName = String(options.customerName ?? '').trim();
	return {
		question: questionText,
		...(intent !== undefined && intent.trim() !== '' && { intent: intent.trim() }),
		language,
		facts,
		paths,
		...(sentiment && { sentiment }),
		...(customerName !== '' && { customerName }),
		item: json as Record<string, unknown>,
	};
}

function readFacts(value: unknown, kgField: string, fail: (message: string) => Error): Fact[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw fail(`"${kgField}.facts" must be a list of {subject, relation, object}`);
	const text = (part: unknown) => (typeof part === 'string' ? part : typeof part === 'number' ? String(part) : undefined);
	return value.map((entry, index) => {
		const [subject, relation, object] = isRecord(entry) ? [entry.subject, entry.relation, entry.object].map(text) : [];
		if (subject === undefined || relation === undefined || object === undefined) {
			throw fail(`"${kgField}.facts[${index}]" must have text subject, relation and object, got ${JSON.stringify(entry)}`);
		}
		const fact: Fact = { subject, relation, object };
		if (isRecord(entry) && typeof entry.language === 'string') fact.language = entry.language;
		return fact;
	});
}

/** The customer's language: as an upstream node detected it, else from the message's words, else the facts'. */
function replyLanguage(detected: unknown[], question: string, facts: Fact[]): ReplyLanguage {
	for (const candidate of detected) if (candidate === 'zh' || candidate === 'en') return candidate;
	if (detected.includes('mixed')) return 'zh';
	for (const text of [question, facts.map((fact) => fact.object).join(' ')]) {
		const language = languageOfWords(text);
		if (language === 'zh' || language === 'mixed') return 'zh';
		if (language === 'en') return 'en';
	}
	return 'en';
}

/** The node's templates and tone settings; a template that does not parse fails naming its intent. */
export function readTemplateSettings(context: IExecuteFunctions, itemIndex: number): TemplateSettings {
	const options = generateOptions(context, itemIndex);
	const rows = context.getNodeParameter('templates.template', itemIndex, []) as Array<{
		intent?: string;
		language?: 'any' | ReplyLanguage;
		text?: string;
		handsOver?: boolean;
	}>;
	const templates: IntentTemplate[] = [];
	for (const row of rows) {
		const intent = (row.intent ?? '').trim();
		if (intent === '' || (row.text ?? '').trim() === '') continue;
		try {
			validateReplyTemplate(row.text ?? '');
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `Reply template for intent "${intent}": ${(error as Error).message}`, { itemIndex });
		}
		templates.push({
			intent,
			text: row.text ?? '',
			handsOver: row.handsOver === true,
			...(row.language && row.language !== 'any' && { language: row.language }),
		});
	}
	return { templates, adaptTone: options.adaptTone ?? true, escapeHtml: options.escapeHtml ?? false };
}

/** The item with the answer added, paired with its input item. */
export function withAnswer(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	answer: object,
	outputField: unknown,
): INodeExecutionData {
	return withFields(item, itemIndex, { [fieldNameOption(context, outputField, 'answer', itemIndex)]: answer as IDataObject });
}

/** Settings shared by the two model modes. */
export function readModelSettings(context: IExecuteFunctions, itemIndex: number): ModelAnswerSettings {
	const options = generateOptions(context, itemIndex);
	return {
		...readTemplateSettings(context, itemIndex),
		instructions: options.systemPrompt,
		watchedNames: commaList(options.watchedNames),
		whenUngrounded: options.whenUngrounded ?? 'template',
	};
}

export function readSampling(options: GenerateOptions): SamplingSettings {
	return {
		maxNewTokens: options.maxNewTokens ?? 256,
		temperature: options.temperature ?? 0,
		topP: options.topP ?? 1,
		seed: options.seed ?? 42,
		stop: commaList(options.stopSequences).map((stop) => stop.replace(/\\n/g, '\n')),
	};
}
