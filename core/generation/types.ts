/** Languages replies are written in. Mixed zh/en messages are answered in Chinese. */
export type ReplyLanguage = 'zh' | 'en';

/** A statement from the knowledge graph (KG Query's `kg.facts`). */
export interface Fact {
	subject: string;
	relation: string;
	object: string;
	/** Language of a literal object, when the graph tags it. */
	language?: string;
}

/** What the reply's tone depends on (Sentiment's `sentiment`). */
export interface SentimentSignal {
	label?: string;
	/** −1 … 1. */
	score?: number;
	escalate?: boolean;
}

/** Everything a reply is generated from, read from one item. */
export interface GenerationInput {
	/** The customer's message (may be empty). */
	question: string;
	/** Recognised intent; undefined when missing or when Intent Classify fell back. */
	intent?: string;
	language: ReplyLanguage;
	facts: Fact[];
	/** Walked paths `[entity, relation, node, (relation, node)]` (KG Query's `kg.paths`). */
	paths: string[][];
	sentiment?: SentimentSignal;
	customerName?: string;
	/** The item's fields, for `{{item.…}}` placeholders (order fields and the like). */
	item: Record<string, unknown>;
}

export type AnswerMode = 'template' | 'llm' | 'endpoint';

/** Something in a model's reply that the facts do not support. */
export interface GroundingIssue {
	kind: 'number' | 'name';
	value: string;
	message: string;
}

export interface AnswerTiming {
	totalMs: number;
	promptTokens?: number;
	generatedTokens?: number;
	/** Generated tokens per second of decoding (after the prompt). */
	tokensPerSecond?: number;
	/** Time until the first generated token (prompt processing). */
	firstTokenMs?: number;
	/** HTTP attempts made (endpoint mode). */
	attempts?: number;
}

export interface AnswerModel {
	name: string;
	/** Model folder (local LLM) or base URL (endpoint). */
	source: string;
	/** Where a local model ran. */
	executionProvider?: 'cpu' | 'cuda';
}

export interface Answer {
	text: string;
	language: ReplyLanguage;
	/** What wrote `text`: a template, the local LLM or the endpoint. */
	mode: AnswerMode;
	/** The reply rests on the facts (or, like a greeting, needs none) and nothing in it contradicts them. */
	grounded: boolean;
	/** A person should take over: no facts, an escalated customer, a hand-off intent or an unsupported reply. */
	needsHuman: boolean;
	usedFacts: Fact[];
	model: AnswerModel | null;
	/** Why the answer needs a human or fell back to a template. */
	reason?: string;
	issues: GroundingIssue[];
	/** A model reply that failed the grounding check and was replaced by the template answer. */
	rejectedText?: string;
	timing: AnswerTiming;
}
