import { answerQuestion } from '../kg/answer';
import { demoGraphPath, loadGraphFile } from '../kg/graphFiles';
import { DEFAULT_TEMPLATES } from './defaultTemplates';
import { displayName } from './displayName';
import { answerFromTemplate, templateReply, validateReplyTemplate, type TemplateSettings } from './templateAnswer';
import { TemplateError } from './templateSyntax';
import type { GenerationInput, ReplyLanguage, SentimentSignal } from './types';

/** Intent Classify's built-in intents (issue 4). */
const BUILT_IN_INTENTS = [
	'cancel_order', 'change_order', 'change_shipping_address', 'check_cancellation_fee', 'check_invoices',
	'check_payment_methods', 'check_refund_policy', 'complaint', 'contact_customer_service', 'contact_human_agent',
	'create_account', 'delete_account', 'delivery_options', 'delivery_period', 'edit_account', 'get_invoice',
	'get_refund', 'newsletter_subscription', 'payment_issue', 'place_order', 'recover_password',
	'registration_problems', 'review', 'set_up_shipping_address', 'switch_account', 'track_order', 'track_refund',
	'change_payment_method', 'delivery_delay', 'return_exchange', 'product_question', 'price_discount',
	'damaged_item', 'warranty_repair', 'greeting', 'thanks', 'goodbye',
];
const TRAVEL_RELATIONS = ['周边景点', '地址', '门票', '开放时间', '建议游玩时间', '电话'];

const defaults: TemplateSettings = { templates: [], adaptTone: true, escapeHtml: false };

/** What KG Query puts on an item for this question, from a shipped demo graph. */
async function fromGraph(
	graph: 'ecommerce' | 'kdconvTravel',
	question: string,
	intent: string,
	language: ReplyLanguage,
	extra: Partial<GenerationInput> = {},
): Promise<GenerationInput> {
	const kg = await answerQuestion(await loadGraphFile(demoGraphPath(graph)), { question, intent, language });
	return {
		question,
		intent,
		language,
		facts: kg.facts,
		paths: kg.paths,
		item: {},
		...extra,
	};
}

describe('templateReply on the demo graphs', () => {
	test('the seed question: payment methods as a natural list, in Chinese and English', async () => {
		const zh = templateReply(await fromGraph('ecommerce', '有哪些支付方式？', 'check_payment_methods', 'zh'), defaults);
		expect(zh.text).toBe('您可以选择以下支付方式：支付宝、微信支付、银联卡、信用卡、PayPal和货到付款。');
		expect(zh).toMatchObject({ grounded: true, needsHuman: false });
		// Only the payment_method facts are used, not the descriptions the 2-hop path also walked.
		expect(zh.usedFacts.map((fact) => fact.relation)).toEqual(Array(6).fill('payment_method'));

		const en = templateReply(await fromGraph('ecommerce', 'How can I pay?', 'check_payment_methods', 'en'), defaults);
		expect(en.text).toBe('You can pay by Alipay, WeChat Pay, UnionPay card, Credit card, PayPal or Cash on delivery.');
	});

	test('如何更换支付方式？ answers how, then which methods there are', async () => {
		const reply = templateReply(await fromGraph('ecommerce', '如何更换支付方式？', 'change_payment_method', 'zh'), defaults);
		expect(reply.text).toMatch(/^未付款订单：在「我的订单」→ 订单详情 →「更换支付方式」中重新选择；.*目前支持的支付方式有支付宝、微信支付、银联卡、信用卡、PayPal和货到付款。$/);
	});

	test('2-hop facts name what holds each value', async () => {
		const reply = templateReply(await fromGraph('ecommerce', 'How long does delivery take?', 'delivery_period', 'en'), defaults);
		expect(reply.text).toContain('Standard delivery: 2–4 days after ordering (5–7 days for remote areas). SF Express next day: Next day');
	});

	test.each(BUILT_IN_INTENTS.flatMap((intent) => [[intent, 'zh'], [intent, 'en']] as const))(
		'the default template for %s (%s) fills from the demo e-commerce graph',
		async (intent, language) => {
			const question = language === 'zh' ? '请问一下' : 'I have a question';
			const input = await fromGraph('ecommerce', question, intent, language);
			expect(input.facts.length).toBeGreaterThan(0);
			const reply = templateReply(input, defaults);
			expect(reply.reason).toBeUndefined();
			expect(reply.grounded).toBe(true);
			expect(reply.text).not.toMatch(/\{\{|\}\}|_/);
			expect(reply.text).toMatch(language === 'zh' ? /\p{Script=Han}/u : /^[^\p{Script=Han}]*$/u);
			expect(reply.needsHuman).toBe(DEFAULT_TEMPLATES[intent].handsOver === true);
		},
	);

	test.each(TRAVEL_RELATIONS)('the KdConv relation %s has a template that fills from the travel graph', async (relation) => {
		const reply = templateReply(await fromGraph('kdconvTravel', `故宫的${relation}`, relation, 'zh'), defaults);
		expect(reply.reason).toBeUndefined();
		expect(reply.text).toMatch(/故宫/);
	});

	test('one sentence per entity the facts are about', async () => {
		const reply = templateReply(await fromGraph('kdconvTravel', '故宫和天坛的电话', '电话', 'zh'), defaults);
		expect(reply.text).toBe('故宫的电话是010-85007938。天坛的电话是010-67012402,010-67013036,010-67028866。');
	});
});

describe('validateReplyTemplate', () => {
	test('every placeholder README lists, and every default template, is accepted', () => {
		const documented =
			'{{answer}} {{answerOr}} {{#answers}}- {{.}}{{/answers}} {{entity}} {{facts.payment_method}} {{factsOr.payment_method}} ' +
			'{{#factList.门票}}{{.}}{{/factList.门票}} {{details.delivery_option}} {{summary}} {{customerName}} {{item.order.id}} ' +
			'{{question}} {{intent}} {{language}} {{#negative}}sorry{{/negative}} {{^escalate}}ok{{/escalate}}';
		expect(() => validateReplyTemplate(documented)).not.toThrow();
		for (const template of Object.values(DEFAULT_TEMPLATES).flatMap(({ zh, en }) => [zh, en])) {
			expect(() => validateReplyTemplate(template)).not.toThrow();
		}
	});

	test('a misspelled placeholder is refused, naming it, in a section too (it printed nothing, and the reply passed for grounded)', () => {
		expect(() => validateReplyTemplate('We accept {{fact.payment_method}}.')).toThrow(TemplateError);
		expect(() => validateReplyTemplate('We accept {{fact.payment_method}}.')).toThrow(/unknown placeholder "\{\{fact\.payment_method\}\}"; placeholders are entity, answer/);
		expect(() => validateReplyTemplate('{{#negative}}Sorry, {{custmerName}}. {{/negative}}{{answer}}')).toThrow(/"\{\{custmerName\}\}"/);
		expect(() => validateReplyTemplate('{{#open}} never closed')).toThrow(/Template syntax error/);
	});
});

describe('templateReply rules', () => {
	const input = (extra: Partial<GenerationInput>): GenerationInput => ({
		question: '',
		language: 'zh',
		facts: [],
		paths: [],
		item: {},
		...extra,
	});
	const ticket = { subject: '故宫', relation: '门票', object: '60元' };

	test('no facts: says so in the customer language and hands over, instead of inventing', () => {
		expect(templateReply(input({ intent: 'check_refund_policy' }), defaults)).toEqual({
			text: '我暂时没有找到能回答这个问题的资料，已为您转交人工客服，请稍候。',
			grounded: false,
			needsHuman: true,
			usedFacts: [],
			reason: 'No facts for intent "check_refund_policy"',
		});
		expect(templateReply(input({ language: 'en' }), defaults)).toMatchObject({
			text: "I couldn't find information that answers this question, so I've passed it to a colleague who will help you shortly.",
			reason: 'No intent and no facts',
		});
	});

	test('small talk needs no facts', () => {
		expect(templateReply(input({ intent: 'greeting', customerName: '张三' }), defaults)).toMatchObject({
			text: '张三，您好！请问有什么可以帮您？',
			grounded: true,
			needsHuman: false,
		});
		expect(templateReply(input({ intent: 'contact_human_agent', language: 'en' }), defaults)).toMatchObject({
			text: "Sure, I'm connecting you with a member of our team, please hold on.",
			needsHuman: true,
		});
	});

	test('no intent (or one without a template) but facts: a summary of the facts', () => {
		expect(templateReply(input({ facts: [ticket] }), defaults)).toMatchObject({
			text: '故宫的门票：60元。',
			reason: 'No intent: answered with a summary of the facts',
		});
		expect(templateReply(input({ facts: [ticket], language: 'en', intent: 'unknown' }), defaults)).toMatchObject({
			text: '门票 of 故宫: 60元.',
			reason: 'No template for intent "unknown": answered with a summary of the facts',
		});
	});

	test("the user's template wins, per language or for all; placeholders read the item", () => {
		const settings: TemplateSettings = {
			...defaults,
			templates: [
				{ intent: '门票', language: 'en', text: 'Entry to {{entity}}: {{answer}} (order {{item.order.id}}).' },
				{ intent: '门票', text: '{{customerName}}您好，{{entity}}门票{{answer}}。' },
			],
		};
		const item = { facts: [ticket], intent: '门票', customerName: '李四', item: { order: { id: 'A-1' } } };
		expect(templateReply(input(item), settings).text).toBe('李四您好，故宫门票60元。');
		expect(templateReply(input({ ...item, language: 'en' }), settings).text).toBe('Entry to 故宫: 60元 (order A-1).');
	});

	test('a template needing a relation the facts lack gives way to the summary, saying why', () => {
		const settings = { ...defaults, templates: [{ intent: '门票', text: '电话：{{facts.电话}}' }] };
		expect(templateReply(input({ facts: [ticket], intent: '门票' }), settings)).toMatchObject({
			text: '故宫的门票：60元。',
			grounded: true,
			reason: 'The template needs the relation(s) 电话; the facts have 门票: answered with a summary of the facts',
		});
	});

	test('tone follows sentiment: an apology and an offer of a person, or the hand-over when escalated', () => {
		const withMood = (sentiment: SentimentSignal, language: ReplyLanguage = 'zh') =>
			templateReply(input({ facts: [ticket], intent: '门票', sentiment, language }), defaults);
		expect(withMood({ label: 'positive', score: 0.8 }).text).toBe('故宫的门票：60元。');
		expect(withMood({ label: 'negative', score: -0.6 })).toMatchObject({
			text: '非常抱歉给您带来不便。故宫的门票：60元。如需人工客服协助，请直接回复“人工”。',
			needsHuman: false,
		});
		expect(withMood({ label: 'negative', escalate: true }, 'en')).toMatchObject({
			text: "I'm very sorry about this experience. Tickets for 故宫: 60元. I've passed your conversation to a member of our team, who will get back to you shortly.",
			needsHuman: true,
		});
		const calm = templateReply(input({ facts: [ticket], intent: '门票', sentiment: { escalate: true } }), { ...defaults, adaptTone: false });
		expect(calm).toMatchObject({ text: '故宫的门票：60元。', needsHuman: false });
	});

	test('HTML escaping only when asked', () => {
		const facts = [{ subject: 'Shop', relation: 'note', object: 'Tom & Jerry <b>' }];
		const settings = { ...defaults, templates: [{ intent: 'note', text: '{{answer}}' }] };
		expect(templateReply(input({ facts, intent: 'note', language: 'en' }), settings).text).toBe('Tom & Jerry <b>');
		expect(templateReply(input({ facts, intent: 'note', language: 'en' }), { ...settings, escapeHtml: true }).text).toBe(
			'Tom &amp; Jerry &lt;b&gt;',
		);
	});

	test('answerFromTemplate gives the full answer shape', () => {
		expect(answerFromTemplate(input({ facts: [ticket], intent: '门票' }), defaults)).toEqual({
			text: '故宫的门票：60元。',
			language: 'zh',
			mode: 'template',
			grounded: true,
			needsHuman: false,
			usedFacts: [ticket],
			model: null,
			issues: [],
			timing: { totalMs: expect.any(Number) },
		});
	});
});

test('displayName picks the side of a bilingual name in the reply language', () => {
	expect(displayName('支付宝 (Alipay)', 'zh')).toBe('支付宝');
	expect(displayName('支付宝 (Alipay)', 'en')).toBe('Alipay');
	expect(displayName('Alipay（支付宝）', 'zh')).toBe('支付宝');
	expect(displayName('鸟巢（国家体育场）', 'en')).toBe('鸟巢（国家体育场）');
	expect(displayName('PayPal', 'zh')).toBe('PayPal');
});
