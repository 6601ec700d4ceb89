import { buildChatMessages, factLines } from './prompt';
import type { GenerationInput } from './types';

const input: GenerationInput = {
	question: '如何更换支付方式？',
	intent: 'change_payment_method',
	language: 'zh',
	facts: [
		{ subject: '本店 (Store)', relation: 'payment_method', object: '支付宝 (Alipay)' },
		{ subject: '支付宝 (Alipay)', relation: 'description', object: '扫码付款。', language: 'zh' },
		{ subject: '支付宝 (Alipay)', relation: 'description', object: 'Pay by QR code.', language: 'en' },
	],
	paths: [],
	item: { order: { id: 'A-1' } },
};

describe('buildChatMessages', () => {
	test('facts in the reply language, one per line', () => {
		expect(factLines(input)).toBe('- 本店 | payment_method | 支付宝\n- 支付宝 | description | 扫码付款。');
		expect(factLines({ ...input, language: 'en' })).toBe('- Store | payment_method | Alipay\n- Alipay | description | Pay by QR code.');
	});

	test('a system message with the instructions and facts, then the customer message', () => {
		const [system, user] = buildChatMessages(input);
		expect(system.role).toBe('system');
		expect(system.content).toMatch(/^你是在线商店的客服助手。只根据下面列出的事实回答/);
		expect(system.content).toMatch(/用简体中文回答/);
		expect(system.content.endsWith('事实：\n- 本店 | payment_method | 支付宝\n- 支付宝 | description | 扫码付款。')).toBe(true);
		expect(user).toEqual({ role: 'user', content: '如何更换支付方式？' });
	});

	test('tone and the customer name join the instructions', () => {
		const [system] = buildChatMessages({ ...input, language: 'en', customerName: 'Anna', sentiment: { label: 'negative', escalate: true } });
		expect(system.content).toMatch(/Answer in English/);
		expect(system.content).toMatch(/The customer is very upset: apologise sincerely and say a colleague is taking over\.\nCustomer name: Anna/);
	});

	test('custom instructions are a template; the facts are appended unless it places them', () => {
		const placed = buildChatMessages(input, 'Order {{item.order.id}}. Facts:\n{{facts}}\nBe brief.')[0].content;
		expect(placed).toBe('Order A-1. Facts:\n- 本店 | payment_method | 支付宝\n- 支付宝 | description | 扫码付款。\nBe brief.');
		expect(buildChatMessages(input, 'Be brief.')[0].content).toBe('Be brief.\n\n事实：\n- 本店 | payment_method | 支付宝\n- 支付宝 | description | 扫码付款。');
	});

	test('without a message the model is told the intent', () => {
		expect(buildChatMessages({ ...input, question: ' ' })[1].content).toBe('（客户没有留言，识别到的意图：change_payment_method）');
	});
});
