import { displayName } from './displayName';
import { preferLanguage } from './factGroups';
import { renderTemplate } from './templateSyntax';
import { toneOf } from './tone';
import type { GenerationInput, ReplyLanguage } from './types';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

const INSTRUCTIONS: Record<ReplyLanguage, string> = {
	zh: [
		'你是在线商店的客服助手。只根据下面列出的事实回答客户的问题：不要添加事实里没有的价格、数字、时间、电话、名称或操作步骤。',
		'如果这些事实不足以回答，就如实说明，并告诉客户会转交人工客服。',
		'用简体中文回答，语气友好，简洁（不超过 3 句话）。',
	].join(''),
	en: [
		"You are an online shop's customer service assistant. Answer the customer's question only from the facts listed below: ",
		'add no price, number, time, phone number, name or step that the facts do not contain. ',
		"If the facts do not answer the question, say so and tell the customer a colleague will take over. ",
		'Answer in English, friendly and brief (at most 3 sentences).',
	].join(''),
};

const TONE: Record<ReplyLanguage, { apologetic: string; escalated: string; customer: string; facts: string; noMessage: string }> = {
	zh: {
		apologetic: '客户情绪不佳：先简短道歉。',
		escalated: '客户非常不满：先真诚道歉，并告诉客户已转交人工客服。',
		customer: '客户称呼：',
		facts: '事实：',
		noMessage: '（客户没有留言，识别到的意图：{{intent}}）',
	},
	en: {
		apologetic: 'The customer is unhappy: start with a short apology.',
		escalated: 'The customer is very upset: apologise sincerely and say a colleague is taking over.',
		customer: 'Customer name: ',
		facts: 'Facts:',
		noMessage: '(No message; recognised intent: {{intent}})',
	},
};

/** One line per fact, in the reply's language: `- 本店 | payment_method | 支付宝`. */
export function factLines(input: GenerationInput): string {
	return preferLanguage(input.facts, input.language)
		.map((fact) => `- ${[fact.subject, fact.relation, fact.object].map((part) => displayName(part, input.language)).join(' | ')}`)
		.join('\n');
}

/**
 * The chat for a model: a system message with the instructions (the user's, or ours: answer only from
 * the facts, in the customer's language, in the tone their mood calls for) and the facts, then the
 * customer's message. User instructions are a template (`{{facts}}`, `{{question}}`, `{{item.…}}`); the
 * facts are appended when it does not place them.
 */
export function buildChatMessages(input: GenerationInput, customInstructions?: string): ChatMessage[] {
	const phrases = TONE[input.language];
	const facts = factLines(input);
	let system: string;
	if (customInstructions !== undefined && customInstructions.trim() !== '') {
		const view = { facts, question: input.question, intent: input.intent ?? '', language: input.language, customerName: input.customerName ?? '', item: input.item };
		system = renderTemplate(customInstructions, view, false);
		if (!/\{\{\s*facts\s*\}\}/.test(customInstructions)) system += `\n\n${phrases.facts}\n${facts}`;
	} else {
		const tone = toneOf(input.sentiment);
		const lines = [INSTRUCTIONS[input.language]];
		if (tone !== 'neutral') lines.push(phrases[tone]);
		if (input.customerName) lines.push(`${phrases.customer}${input.customerName}`);
		system = `${lines.join('\n')}\n\n${phrases.facts}\n${facts}`;
	}
	const question = input.question.trim() !== '' ? input.question : renderTemplate(phrases.noMessage, { intent: input.intent ?? '' }, false);
	return [
		{ role: 'system', content: system },
		{ role: 'user', content: question },
	];
}
