import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { answerQuestion } from '../../../core/kg/answer';
import { ConversationMemory } from '../../../core/kg/conversationMemory';
import type { IntentPathRow } from '../../../core/kg/relationPaths';
import { numberOptions } from '../../shared/numberParameter';
import { withFields } from '../../shared/outputItem';
import { fieldNameOption, kindOf, messageParameter } from '../../shared/textParameter';
import type { ResolvedGraph } from '../graphSource';

let memory: ConversationMemory | undefined;

/** Entities of recent conversations, shared by every execution of the node in this process. */
function conversationMemory(): ConversationMemory {
	memory ??= new ConversationMemory({ maxConversations: 10_000, maxEntities: 10, ttlMs: 30 * 60_000 });
	return memory;
}

export async function executeAnswerQuestion(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	graph: ResolvedGraph,
): Promise<INodeExecutionData[]> {
	const text = messageParameter(context, 'text', itemIndex, 'Message', 'Point "Message" at the message field, e.g. {{ $json.message }}');
	const intent = messageParameter(context, 'intent', itemIndex, 'Intent', 'Point "Intent" at the intent label, e.g. {{ $json.intent.label }}');
	const rows = context.getNodeParameter('intentPaths.rows', itemIndex, []) as IntentPathRow[];
	const options = numberOptions(
		context,
		context.getNodeParameter('answerOptions', itemIndex, {}) as {
			history?: unknown;
			conversationId?: unknown;
			entities?: unknown;
			language?: string;
			maxResultsPerPath?: number;
			memoryMinutes?: number;
			outputField?: string;
		},
		{
			maxResultsPerPath: { displayName: 'Max Results per Path', min: 1, integer: true },
			memoryMinutes: { displayName: 'Memory (Minutes)', min: 1 },
		},
		itemIndex,
	);
	const conversationId = options.conversationId === undefined ? '' : String(options.conversationId).trim();

	const answer = await answerQuestion(await graph.backend(), {
		question: text,
		intent,
		history: listParameter(context, options.history, itemIndex, 'Conversation History', /\r?\n/),
		entities: listParameter(context, options.entities, itemIndex, 'Known Entities', /[,，]/),
		intentTable: rows.filter((row) => String(row.intent ?? '').trim() !== ''),
		language: options.language ?? 'auto',
		limit: options.maxResultsPerPath,
		memory:
			conversationId === ''
				? undefined
				: {
						store: conversationMemory(),
						conversationKey: [context.getWorkflow().id ?? '', graph.identity, conversationId].join('\u0000'),
						ttlMs: (options.memoryMinutes ?? 30) * 60_000,
					},
	});
	return [withFields(item, itemIndex, { [fieldNameOption(context, options.outputField, 'kg', itemIndex)]: answer as unknown as IDataObject })];
}

/** A list given as an array, or as text split at `separator`; blank entries dropped. */
function listParameter(context: IExecuteFunctions, value: unknown, itemIndex: number, label: string, separator: RegExp): string[] {
	if (value === undefined || value === null || value === '') return [];
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(separator) : undefined;
	if (!entries) {
		throw new NodeOperationError(context.getNode(), `${label} must be a list or text, got ${kindOf(value)}`, { itemIndex });
	}
	return entries
		.map((entry) => (typeof entry === 'string' ? entry : entry !== null && typeof entry === 'object' ? chatMessageText(entry as IDataObject) : String(entry)))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** A history entry may be a chat message object: its text, content or message field. */
function chatMessageText(entry: IDataObject): string {
	const text = entry.text ?? entry.content ?? entry.message;
	return typeof text === 'string' ? text : JSON.stringify(entry);
}
