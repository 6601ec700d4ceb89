import { join } from 'node:path';

import { afinnPolarity } from './afinn';
import { DEFAULT_ANALYZE_SETTINGS, SentimentAnalyzer, modelLanguage, type SentimentModels } from './analyzer';
import { loadBuiltInSentimentModels } from './builtIn';
import { CueLexicon } from './lexicon';

const MODELS = join(__dirname, '..', '..', 'models');

describe('SentimentAnalyzer with the built-in models', () => {
	let models: SentimentModels;
	let analyzer: SentimentAnalyzer;
	beforeAll(async () => {
		models = await loadBuiltInSentimentModels(MODELS);
		analyzer = new SentimentAnalyzer(models, CueLexicon.builtIn());
	});

	it('reads Chinese and English polarity in one batch, in input order', async () => {
		const results = await analyzer.analyze([
			'这家酒店太棒了，服务很周到，下次还来',
			'The battery died after two days, very disappointed.',
			'Absolutely love it, works perfectly!',
			'房间又小又脏，隔音很差，非常失望',
		]);
		expect(results.map(({ label, language }) => [label, language])).toEqual([
			['positive', 'zh'],
			['negative', 'en'],
			['positive', 'en'],
			['negative', 'zh'],
		]);
		for (const { score, confidence, intensity } of results) {
			expect(Math.abs(score)).toBeLessThanOrEqual(1);
			expect(confidence).toBeGreaterThan(0.5);
			expect(intensity).toBeGreaterThanOrEqual(Math.abs(score));
		}
	});

	it('reads negated English words as negated', async () => {
		const results = await analyzer.analyze(["The app is not good at all", "I don't like it", 'Not bad, it actually works fine']);
		expect(results.map(({ label }) => label)).toEqual(['negative', 'negative', 'positive']);
	});

	it('calls plain customer questions neutral', async () => {
		const results = await analyzer.analyze(['我的快递到哪了？', 'How do I change my shipping address?']);
		expect(results.map(({ label, escalate }) => [label, escalate])).toEqual([
			['neutral', false],
			['neutral', false],
		]);
	});

	it('escalates angry Chinese and English messages and says why', async () => {
		const [zh, en] = await analyzer.analyze([
			'什么破服务，第三次了还没人处理，气死我了，再不退款我就打12315投诉！！！',
			'This is the THIRD time I am asking. WHERE IS MY REFUND??? I will file a chargeback.',
		]);
		expect(zh).toMatchObject({ label: 'negative', escalate: true, emotion: { label: 'anger', source: 'lexicon' } });
		expect(zh.reasons).toEqual(expect.arrayContaining(['threat: 12315, 投诉', 'repeated contact: 第三次', 'shouting: 3 × !/?']));
		expect(en).toMatchObject({ escalate: true, emotion: { source: 'model' } });
		expect(en.reasons).toEqual(expect.arrayContaining(['threat: chargeback', 'repeated contact: third time']));
		expect(en.reasons.some((reason) => reason.startsWith('shouting: '))).toBe(true);
		expect(en.escalationScore).toBeGreaterThanOrEqual(1);
	});

	it('reports English emotion from the model', async () => {
		const [joy, fear] = await analyzer.analyze(['Thank you so much, this made my day!', 'I am scared my card details were stolen']);
		expect(joy.emotion).toMatchObject({ label: 'joy', source: 'model' });
		expect(fear.emotion?.scores.fear).toBeGreaterThan(fear.emotion!.scores.joy);
	});

	it('reports the language of the words, not of a URL, e-mail address or order id, as Intent Classify does', async () => {
		const results = await analyzer.analyze([
			'我的订单 https://example.com/track 还没到',
			'发票请发到 zhangsan.wang@example.com 谢谢',
			'订单JD20240501123456到哪了',
			'我的order还没到',
		]);
		expect(results.map(({ language }) => language)).toEqual(['zh', 'zh', 'zh', 'mixed']);
	});

	it('gives empty messages neutral with a reason, without running a model on them', async () => {
		const [empty] = await analyzer.analyze(['   ']);
		expect(empty).toMatchObject({ label: 'neutral', score: 0, confidence: 0, escalate: false, reasons: ['empty text'], language: 'unknown' });
	});

	it('leaves the emotion out when asked to', async () => {
		const [result] = await analyzer.analyze(['Great service'], { ...DEFAULT_ANALYZE_SETTINGS, emotion: false });
		expect(result.emotion).toBeUndefined();
	});

	it('reads a conversation: recency-weighted, with its trend', async () => {
		const [conversation] = await analyzer.analyzeConversations([
			['你好，我的订单什么时候发货？', '已经等了一个星期了，还没发货', '太差了，什么破服务，我要投诉！'],
		]);
		expect(conversation).toMatchObject({ label: 'negative', trend: 'worsening', escalate: true });
		expect(conversation.messages).toHaveLength(3);
		expect(conversation.reasons).toContain('message 3: threat: 投诉');
	});

	it('uses the AFINN word list for English in lexicon mode', async () => {
		const lexicon = new SentimentAnalyzer({ ...models, en: afinnPolarity() }, CueLexicon.builtIn());
		const [good, bad, plain] = await lexicon.analyze(['This is great, I love it', 'terrible, awful product', 'the box is blue']);
		expect([good.label, bad.label, plain.label]).toEqual(['positive', 'negative', 'neutral']);
	});
});

describe('modelLanguage', () => {
	it('reads mostly-Chinese messages with the Chinese model, the rest with the English one', () => {
		expect(modelLanguage('我的order还没到')).toBe('zh');
		expect(modelLanguage('The 客服 was rude to me')).toBe('en');
		expect(modelLanguage('😡😡😡')).toBe('en');
		expect(modelLanguage('质量太差了 see my email zhang.wei@example.com')).toBe('zh');
		expect(modelLanguage('退款 https://shop.example.com/orders/refund-request?lang=zh')).toBe('zh');
	});
});
