import { N8nClient } from './n8nClient';

const n8n = N8nClient.fromEnvironment();

interface BranchAnswer {
	branch: string;
	sentiment: { label: string; score: number; escalate: boolean; reasons: string[]; language: string; model: { name: string } };
}

async function sentimentOf(message: string): Promise<BranchAnswer> {
	const response = await n8n.callWebhook('support-ai-sentiment', { message });
	expect(response.status).toBe(200);
	return response.json as BranchAnswer;
}

describe('Sentiment in a real n8n: webhook → built-in zh + en models → a branch per sentiment, Escalate first', () => {
	it.each([
		['什么破服务，第三次了还没人处理，气死我了，再不退款我就打12315投诉！！！', 'zh', '12315'],
		['This is the third time I am asking. WHERE IS MY REFUND??? I will file a chargeback with my bank.', 'en', 'chargeback'],
	])('sends the angry message %j through Escalate', async (message, language, cue) => {
		const answer = await sentimentOf(message);
		expect(answer.branch).toBe('Escalate');
		expect(answer.sentiment).toMatchObject({ escalate: true, language, model: { name: 'sentiment-zh + sentiment-en' } });
		expect(answer.sentiment.reasons.some((reason) => reason.startsWith('threat: ') && reason.includes(cue))).toBe(true);
	});

	it.each([
		['东西收到了，质量很好，非常满意', 'Positive'],
		['Can I pay with PayPal?', 'Neutral'],
		['The battery died after two days, very disappointed.', 'Negative'],
	])('sends %j through %s', async (message, branch) => {
		const answer = await sentimentOf(message);
		expect(answer.branch).toBe(branch);
		expect(answer.sentiment.label).toBe(branch.toLowerCase());
		expect(answer.sentiment.escalate).toBe(false);
	});
});
