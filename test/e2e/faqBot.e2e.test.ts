import { N8nClient } from './n8nClient';

const n8n = N8nClient.fromEnvironment();
const KEY = { 'X-Support-Key': 'e2e-support-key' };

interface BotAnswer {
	answer: string;
	intent: string;
	sentiment: string;
	needsHuman: boolean;
	grounded?: boolean;
}

describe('template "Support chat / FAQ bot" in a real n8n', () => {
	it('answers a Chinese question from the demo graph', async () => {
		const response = await n8n.callWebhook('support-chat', { message: '如何更换支付方式？' }, KEY);
		expect(response.status).toBe(200);
		const answer = response.json as BotAnswer;
		expect(answer).toMatchObject({ intent: 'change_payment_method', needsHuman: false, grounded: true });
		expect(answer.answer).toMatch(/支付宝|微信支付/);
	});

	it('answers an English question from the demo graph', async () => {
		const response = await n8n.callWebhook('support-chat', { message: 'Which payment methods do you accept?' }, KEY);
		const answer = response.json as BotAnswer;
		expect(answer).toMatchObject({ intent: 'check_payment_methods', needsHuman: false, grounded: true });
		expect(answer.answer).toMatch(/Alipay|PayPal/);
	});

	it('hands an angry customer over to a person', async () => {
		const response = await n8n.callWebhook('support-chat', { message: '第三次找你们了！！！再不退款我就投诉到12315！' }, KEY);
		expect(response.json).toMatchObject({ needsHuman: true, sentiment: 'negative', answer: '您的问题已转交人工客服，我们会尽快回复您。' });
	});

	it('rejects a request without the webhook key', async () => {
		const response = await n8n.callWebhook('support-chat', { message: 'hello' });
		expect(response.status).toBe(403);
	});
});
