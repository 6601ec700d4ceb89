import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { answerQuestion } from './answer';
import { ConversationMemory } from './conversationMemory';
import { demoGraphPath, loadGraphFile } from './graphFiles';

const shop = async () => await loadGraphFile(demoGraphPath('ecommerce'));
const travel = async () => await loadGraphFile(demoGraphPath('kdconvTravel'));
const objects = (answer: { facts: { object: string }[] }) => answer.facts.map((fact) => fact.object);

describe('answerQuestion on the e-commerce demo graph', () => {
	test('"如何更换支付方式？" with change_payment_method → the supported payment methods, in Chinese', async () => {
		const answer = await answerQuestion(await shop(), { question: '如何更换支付方式？', intent: 'change_payment_method' });
		expect(answer.entities).toEqual([{ name: '本店 (Store)', source: 'default' }]);
		expect(answer.relationPaths).toEqual(['payment_method', 'payment_method > description', 'how_to_change_payment']);
		expect(objects(answer)).toEqual(expect.arrayContaining(['支付宝 (Alipay)', '微信支付 (WeChat Pay)', 'PayPal', '货到付款 (Cash on delivery)']));
		expect(answer.facts.filter((fact) => fact.language !== undefined).every((fact) => fact.language === 'zh')).toBe(true);
		expect(answer.backend).toBe('embedded');
		expect(answer.reason).toBeUndefined();
	});

	test('the same question in English gets the English values', async () => {
		const answer = await answerQuestion(await shop(), { question: 'How do I change my payment method?', intent: 'change_payment_method' });
		expect(objects(answer)).toContain('PayPal: for overseas orders, settled in US dollars.');
		expect(answer.facts.filter((fact) => fact.language !== undefined).every((fact) => fact.language === 'en')).toBe(true);
	});

	test('a Chinese question with a link gets the Chinese values (the link\'s letters are not English words)', async () => {
		const answer = await answerQuestion(await shop(), { question: '怎么换支付方式 https://shop.example.com/account/payment-methods', intent: 'change_payment_method' });
		expect(answer.facts.filter((fact) => fact.language !== undefined).map((fact) => fact.language)).toEqual(expect.arrayContaining(['zh']));
		expect(answer.facts.filter((fact) => fact.language !== undefined).every((fact) => fact.language === 'zh')).toBe(true);
	});

	test('a named product is followed over two hops (product → warranty → period)', async () => {
		const answer = await answerQuestion(await shop(), { question: '耳机保修多久？', intent: 'warranty_repair' });
		expect(answer.entities).toEqual([{ name: '无线降噪耳机 X1 (Wireless earbuds X1)', source: 'question' }]);
		expect(answer.paths).toContainEqual(['无线降噪耳机 X1 (Wireless earbuds X1)', 'warranty', '一年保修 (1-year warranty)', 'period', '1 年']);
	});

	test('an entity without the relation falls back to the default entity', async () => {
		const answer = await answerQuestion(await shop(), { question: '我要找客服取消订单', intent: 'cancel_order' });
		expect(answer.entities.map((e) => e.source)).toEqual(['question', 'default']);
		expect(answer.facts.some((fact) => fact.relation === 'how_to_cancel')).toBe(true);
	});

	test('entities from the input; unknown intents give a reason, not an error', async () => {
		const graph = await shop();
		const fromInput = await answerQuestion(graph, { question: 'how much is it?', intent: 'price_discount', entities: ['smartwatch w2'] });
		expect(fromInput.entities).toEqual([{ name: '智能手表 W2 (Smartwatch W2)', source: 'input' }]);
		expect(objects(fromInput)).toEqual(['¥899']);
		const unknown = await answerQuestion(graph, { question: '你好', intent: 'weather' });
		expect(unknown.facts).toEqual([]);
		expect(unknown.reason).toMatch(/^No relation path for intent "weather"/);
	});

	// The built-in intents of Intent Classify's support-zh-en model.
	const builtInIntents = [
		'cancel_order', 'change_order', 'change_shipping_address', 'check_cancellation_fee', 'check_invoices', 'check_payment_methods',
		'check_refund_policy', 'complaint', 'contact_customer_service', 'contact_human_agent', 'create_account', 'delete_account',
		'delivery_options', 'delivery_period', 'edit_account', 'get_invoice', 'get_refund', 'newsletter_subscription', 'payment_issue',
		'place_order', 'recover_password', 'registration_problems', 'review', 'set_up_shipping_address', 'switch_account', 'track_order',
		'track_refund', 'change_payment_method', 'delivery_delay', 'return_exchange', 'product_question', 'price_discount',
		'damaged_item', 'warranty_repair', 'greeting', 'thanks', 'goodbye',
	];
	test.each(builtInIntents)('answers the built-in intent %s in Chinese and in English', async (intent) => {
		const graph = await shop();
		for (const [question, language] of [['请问一下', 'zh'], ['a question, please', 'en']]) {
			const answer = await answerQuestion(graph, { question, intent });
			expect(answer.facts.length).toBeGreaterThan(0);
			expect(answer.facts.some((fact) => fact.language === language)).toBe(true);
		}
	});

	test('table rows replace the graph defaults for their intent', async () => {
		const answer = await answerQuestion(await shop(), {
			question: 'which payment methods?',
			intent: 'change_payment_method',
			intentTable: [{ intent: 'change_payment_method', path: 'payment_method' }],
		});
		expect(answer.relationPaths).toEqual(['payment_method']);
		expect(answer.facts).toHaveLength(6);
	});
});

describe('answerQuestion on the KdConv travel graph', () => {
	test('"那它的门票多少钱？" resolves 它 from the history', async () => {
		const answer = await answerQuestion(await travel(), {
			question: '那它的门票多少钱？',
			intent: '门票',
			history: ['你知道观复博物馆吗？', '知道，是马未都先生创办的新中国第一家私立博物馆。'],
		});
		expect(answer.entities).toEqual([{ name: '观复博物馆', source: 'history' }]);
		expect(objects(answer)).toEqual(['100元']);
	});

	test('a conversation id remembers the entity for the next message', async () => {
		const graph = await travel();
		const memory = { store: new ConversationMemory({ maxConversations: 10, maxEntities: 5, ttlMs: 60_000 }), conversationKey: 'c1' };
		await answerQuestion(graph, { question: '故宫的电话是多少？', intent: '电话', memory });
		const followUp = await answerQuestion(graph, { question: '那它几点开门？', intent: '开放时间', memory });
		expect(followUp.entities).toEqual([{ name: '故宫', source: 'memory' }]);
		const otherConversation = await answerQuestion(graph, { question: '那它几点开门？', intent: '开放时间', memory: { ...memory, conversationKey: 'c2' } });
		expect(otherConversation.entities).toEqual([]);
		expect(otherConversation.reason).toMatch(/No entity found/);
	});

	test('an inverse path: which sights list 故宫 as nearby', async () => {
		const answer = await answerQuestion(await travel(), { question: '哪些景点在故宫附近？', intent: 'nearby_of', intentTable: [{ intent: 'nearby_of', path: '^周边景点' }] });
		expect(answer.facts.length).toBeGreaterThan(0);
		expect(answer.facts.every((fact) => fact.object === '故宫' && fact.relation === '周边景点')).toBe(true);
	});

	const devFile = path.resolve(__dirname, '../../../shared/data/zh/kdconv_travel/qa_dev.jsonl');
	const dev = existsSync(devFile) ? test : test.skip;
	dev('KdConv dev questions: ≥ 97 % of those naming their entity, ≥ 85 % of all (gold relation as intent)', async () => {
		const graph = await travel();
		const rows = readFileSync(devFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
		const hits = { named: 0, namedTotal: 0, all: 0 };
		for (const row of rows) {
			const answer = await answerQuestion(graph, { question: row.question, intent: row.relation, history: row.history });
			const hit = answer.facts.some((fact) => fact.object === row.value);
			hits.all += Number(hit);
			if (row.entityNamed) {
				hits.namedTotal++;
				hits.named += Number(hit);
			}
		}
		expect(hits.named / hits.namedTotal).toBeGreaterThanOrEqual(0.97);
		expect(hits.all / rows.length).toBeGreaterThanOrEqual(0.85);
	});
});
