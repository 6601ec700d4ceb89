import { N8nClient } from './n8nClient';

const n8n = N8nClient.fromEnvironment();

interface BranchAnswer {
	branch: string;
	intent: { label: string; confidence: number; isFallback: boolean; language: string; model: { name: string } };
}

describe('Intent Classify in a real n8n: webhook → built-in support-zh-en model → a branch per intent', () => {
	it.each([
		['我的快递到哪了？三天了还没消息', 'track_order', 'zh'],
		['I want a refund for my last order, the money never came back', 'get_refund', 'en'],
		['我要退款，东西不想要了', 'get_refund', 'zh'],
		['I would like to track my order A1234, where is it now?', 'track_order', 'en'],
	])('routes %j through the %s branch', async (message, branch, language) => {
		const response = await n8n.callWebhook('support-ai-intent', { message });
		expect(response.status).toBe(200);
		const answer = response.json as BranchAnswer;
		expect(answer.branch).toBe(branch);
		expect(answer.intent).toMatchObject({ label: branch, isFallback: false, language, model: { name: 'support-zh-en' } });
		expect(answer.intent.confidence).toBeGreaterThan(0.3);
	});

	it('sends an intent without a branch through Other', async () => {
		const response = await n8n.callWebhook('support-ai-intent', { message: '我想注册一个新账号' });
		expect((response.json as BranchAnswer).branch).toBe('Other');
		expect((response.json as BranchAnswer).intent.label).toBe('create_account');
	});

	it('sends an empty message to Fallback', async () => {
		const response = await n8n.callWebhook('support-ai-intent', { message: '' });
		expect(response.json).toMatchObject({ branch: 'Fallback', intent: { isFallback: true, reason: 'empty_text' } });
	});
});
