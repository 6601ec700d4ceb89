import { checkGrounding } from './grounding';
import { buildChatMessages, type ChatMessage } from './prompt';
import { answerFromTemplate, templateReply, type TemplateSettings } from './templateAnswer';
import { toneOf } from './tone';
import type { Answer, AnswerModel, AnswerTiming, GenerationInput } from './types';

export interface ModelReply {
	text: string;
	model: AnswerModel;
	timing: Omit<AnswerTiming, 'totalMs'>;
}

export interface ModelAnswerSettings extends TemplateSettings {
	/** Replaces our system prompt (a template: `{{facts}}`, `{{question}}`, `{{item.…}}`). */
	instructions?: string;
	/** Names a reply may only use when the facts do. */
	watchedNames: string[];
	/** What to send when the model's reply is not grounded: the template answer, or the reply, flagged. */
	whenUngrounded: 'template' | 'flag';
}

// Reasoning models (Qwen3, DeepSeek-R1) think aloud between these tags first.
const THINKING = /<think>[\s\S]*?(?:<\/think>|$)/g;

/**
 * Answers with a model, grounded: without facts the model is not asked (the template reply says so, or
 * handles small talk); its reply is checked against the facts, and one that is unsupported is replaced
 * by the template answer or sent flagged, as the settings say.
 */
export async function answerWithModel(
	input: GenerationInput,
	mode: 'llm' | 'endpoint',
	settings: ModelAnswerSettings,
	generate: (messages: ChatMessage[]) => Promise<ModelReply>,
): Promise<Answer> {
	if (input.facts.length === 0) return answerFromTemplate(input, settings);
	const started = performance.now();
	const elapsed = () => performance.now() - started;
	const fallback = templateReply(input, settings);
	const messages = buildChatMessages(input, settings.instructions);
	const reply = await generate(messages);
	const text = reply.text.replace(THINKING, '').trim();
	const check = checkGrounding(text, {
		facts: input.facts,
		context: messages.map((message) => message.content),
		watchedNames: settings.watchedNames,
	});
	const problem =
		text === ''
			? 'The model gave an empty reply'
			: check.issues.length > 0
				? `The model's reply is not supported by the facts: ${check.issues.map((issue) => issue.message).join('; ')}`
				: check.usedFacts.length === 0
					? "The model's reply uses none of the facts"
					: undefined;
	const common = { language: input.language, model: reply.model, issues: check.issues, timing: { ...reply.timing, totalMs: elapsed() } };
	if (problem !== undefined && settings.whenUngrounded === 'template') {
		return {
			...common,
			text: fallback.text,
			mode: 'template',
			grounded: fallback.grounded,
			needsHuman: fallback.needsHuman,
			usedFacts: fallback.usedFacts,
			reason: problem,
			rejectedText: text,
		};
	}
	return {
		...common,
		text,
		mode,
		grounded: problem === undefined,
		needsHuman: problem !== undefined || toneOf(input.sentiment) === 'escalated',
		usedFacts: check.usedFacts,
		...(problem !== undefined && { reason: problem }),
	};
}
