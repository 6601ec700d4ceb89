import { answerWithModel, type ModelAnswerSettings, type ModelReply } from './modelAnswer';
import type { ChatMessage } from './prompt';
import type { GenerationInput } from './types';

const input: GenerationInput = {
	question: '耳机多少钱？',
	intent: 'price_discount',
	language: 'zh',
	facts: [{ subject: '无线降噪耳机 X1 (Wireless earbuds X1)', relation: 'price', object: '499 元' }],
	paths: [],
	item: {},
};
const settings: ModelAnswerSettings = { templates: [], adaptTone: true, escapeHtml: false, watchedNames: [], whenUngrounded: 'template' };
const model = { name: 'qwen2.5:0.5b', source: 'http://127.0.0.1:11434/v1' };

/** The model's side of the exchange: records the chat it was given and answers with a fixed text. */
function replying(text: string) {
	const chats: ChatMessage[][] = [];
	const generate = async (messages: ChatMessage[]): Promise<ModelReply> => {
		chats.push(messages);
		return { text, model, timing: { promptTokens: 40, generatedTokens: 12 } };
	};
	return { chats, generate };
}

describe('answerWithModel', () => {
	test('a reply that repeats the facts is sent as the answer', async () => {
		const { chats, generate } = replying('无线降噪耳机 X1 的售价是 499 元。');
		const answer = await answerWithModel(input, 'endpoint', settings, generate);
		expect(answer).toEqual({
			text: '无线降噪耳机 X1 的售价是 499 元。',
			language: 'zh',
			mode: 'endpoint',
			grounded: true,
			needsHuman: false,
			usedFacts: input.facts,
			model,
			issues: [],
			timing: { promptTokens: 40, generatedTokens: 12, totalMs: expect.any(Number) },
		});
		expect(chats[0][0].content).toContain('- 无线降噪耳机 X1 | price | 499 元');
	});

	test('an invented price replaces the reply with the template answer, keeping what was rejected', async () => {
		const { generate } = replying('耳机现在特价 399 元！');
		expect(await answerWithModel(input, 'llm', settings, generate)).toMatchObject({
			text: '无线降噪耳机 X1的售价是499 元。',
			mode: 'template',
			grounded: true,
			needsHuman: false,
			rejectedText: '耳机现在特价 399 元！',
			issues: [{ kind: 'number', value: '399', message: 'The number 399 is not in the facts' }],
			reason: "The model's reply is not supported by the facts: The number 399 is not in the facts",
			model,
		});
	});

	test('or sends it flagged, for a person to check', async () => {
		const { generate } = replying('耳机现在特价 399 元！');
		expect(await answerWithModel(input, 'llm', { ...settings, whenUngrounded: 'flag' }, generate)).toMatchObject({
			text: '耳机现在特价 399 元！',
			mode: 'llm',
			grounded: false,
			needsHuman: true,
			usedFacts: [],
		});
	});

	test('a reply that uses no fact is not grounded either; thinking is dropped first', async () => {
		const { generate } = replying('<think>用户问价格，499 元</think>您好，请问还需要什么帮助？');
		expect(await answerWithModel(input, 'llm', settings, generate)).toMatchObject({
			mode: 'template',
			rejectedText: '您好，请问还需要什么帮助？',
			reason: "The model's reply uses none of the facts",
		});
	});

	test('without facts the model is not asked', async () => {
		const { chats, generate } = replying('不会用到');
		const answer = await answerWithModel({ ...input, facts: [] }, 'llm', settings, generate);
		expect(chats).toEqual([]);
		expect(answer).toMatchObject({ mode: 'template', grounded: false, needsHuman: true, model: null });
	});

	test('an escalated customer needs a person even when the reply is grounded', async () => {
		const { generate } = replying('非常抱歉！X1 耳机售价 499 元，已为您转人工。');
		const answer = await answerWithModel({ ...input, sentiment: { label: 'negative', escalate: true } }, 'endpoint', settings, generate);
		expect(answer).toMatchObject({ mode: 'endpoint', grounded: true, needsHuman: true });
	});
});
