import type { GraphBackend } from './backend';
import { pickReferent, trackFocus, type Mention } from './context';
import type { ConversationMemory } from './conversationMemory';
import { pathsForIntent, type IntentPathRow } from './relationPaths';
import { questionLanguage } from './text';
import type { EntitySource, Fact, LinkedEntity, WalkedPath } from './types';

export interface AnswerRequest {
	question: string;
	/** Usually the label from Intent Classify; chooses the relation paths. */
	intent: string;
	/** Earlier messages of the conversation, both sides, newest last. */
	history?: string[];
	/** Entities the caller already knows the question is about (names or aliases). */
	entities?: string[];
	/** Rows override the graph's defaults for the intents they name. */
	intentTable?: IntentPathRow[];
	/** `auto` (from the question), `all`, or a language code for language-tagged values. */
	language?: string;
	/** Most end points per entity and path. */
	limit?: number;
	/** Where this conversation's recent entities are kept between messages. */
	memory?: { store: ConversationMemory; conversationKey: string; ttlMs?: number };
}

export interface KgAnswer {
	entities: LinkedEntity[];
	facts: Fact[];
	paths: WalkedPath[];
	query: string;
	backend: GraphBackend['kind'];
	relationPaths: string[];
	/** Why `facts` is empty. */
	reason?: string;
}

const DEFAULT_LIMIT = 50;

/**
 * Answers a question from the graph: finds the entities it is about (named in it or given; else the
 * conversation's current subject; else the graph's default entity), then walks the intent's relation
 * paths from them.
 */
export async function answerQuestion(backend: GraphBackend, request: AnswerRequest): Promise<KgAnswer> {
	const catalog = await backend.catalog();
	const { paths } = pathsForIntent(request.intent, request.intentTable ?? [], catalog.intentPaths, catalog.relationNames);
	const relationPaths = paths.map((path) => path.text);
	const mentionsIn = (text: string): Mention[] =>
		catalog.linker.link(text).flatMap(({ surface, entities }) => entities.map((entity) => ({ entity, surface })));

	const questionMentions = mentionsIn(request.question);
	const inputNames = (request.entities ?? []).flatMap((name) => catalog.resolve(name));
	const historyMentions = (request.history ?? []).map(mentionsIn);
	const remembered = request.memory?.store.recall(request.memory.conversationKey) ?? [];

	const candidates = new Set([...remembered, ...historyMentions.flat().map((m) => m.entity), ...questionMentions.map((m) => m.entity)]);
	const profiles = await backend.profiles([...candidates]);
	const stack = trackFocus(remembered, [...historyMentions, questionMentions], profiles);

	const chosen = new Map<string, EntitySource>();
	for (const name of inputNames) chosen.set(name, 'input');
	for (const { entity } of questionMentions) if (!chosen.has(entity)) chosen.set(entity, 'question');
	if (chosen.size === 0) {
		const referent = pickReferent(stack, paths.map((path) => path.hops[0]), profiles);
		if (referent !== undefined) {
			const inHistory = historyMentions.some((mentions) => mentions.some((m) => m.entity === referent));
			chosen.set(referent, inHistory ? 'history' : 'memory');
		}
	}
	if (chosen.size === 0 && catalog.defaultEntity !== undefined) chosen.set(catalog.defaultEntity, 'default');

	const walkOptions = { language: valueLanguage(request.language, request.question), limit: request.limit ?? DEFAULT_LIMIT };
	let walked = paths.length > 0 && chosen.size > 0 ? await backend.walk([...chosen.keys()], paths, walkOptions) : undefined;
	// A named product has no payment methods, the shop has: fall back to the default entity.
	if (walked && walked.facts.length === 0 && catalog.defaultEntity !== undefined && !chosen.has(catalog.defaultEntity)) {
		const fallback = await backend.walk([catalog.defaultEntity], paths, walkOptions);
		if (fallback.facts.length > 0) {
			chosen.set(catalog.defaultEntity, 'default');
			walked = fallback;
		}
	}

	if (request.memory) {
		// The default entity is where answers fall back to, not something the customer talked about.
		const talkedAbout = [...chosen].filter(([, source]) => source !== 'default').map(([name]) => name);
		request.memory.store.remember(
			request.memory.conversationKey,
			[...stack.filter((name) => !talkedAbout.includes(name)), ...talkedAbout],
			request.memory.ttlMs,
		);
	}

	const answer: KgAnswer = {
		entities: [...chosen].map(([name, source]) => ({ name, source })),
		facts: walked?.facts ?? [],
		paths: walked?.paths ?? [],
		query: walked?.query ?? '',
		backend: backend.kind,
		relationPaths,
	};
	if (answer.facts.length === 0) answer.reason = noFactsReason(request.intent, relationPaths, [...chosen.keys()], catalog.relationNames);
	return answer;
}

function valueLanguage(option: string | undefined, question: string): string | undefined {
	if (option === 'all') return undefined;
	if (option === undefined || option === 'auto') return questionLanguage(question);
	return option;
}

function noFactsReason(intent: string, relationPaths: string[], entities: string[], relations: ReadonlySet<string>): string {
	if (relationPaths.length === 0) {
		const known = [...relations].slice(0, 20).join(', ');
		return `No relation path for intent "${intent}": map it in the intent → relation table (relations in this graph: ${known})`;
	}
	if (entities.length === 0) {
		return 'No entity found in the question, the history, the input or the conversation memory, and the graph has no default entity';
	}
	return `${entities.map((name) => `"${name}"`).join(', ')}: nothing along ${relationPaths.map((p) => `"${p}"`).join(', ')}`;
}
