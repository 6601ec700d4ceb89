import { checkGrounding, type GroundingSources } from './grounding';
import type { Fact } from './types';

const facts: Fact[] = [
	{ subject: '无线降噪耳机 X1 (Wireless earbuds X1)', relation: 'price', object: '499 元', language: 'zh' },
	{ subject: '本店 (Store)', relation: 'payment_method', object: '支付宝 (Alipay)' },
	{ subject: '本店 (Store)', relation: 'payment_method', object: 'PayPal' },
	{ subject: '客服热线 (Hotline)', relation: 'hours', object: '每天 9:00–21:00。' },
	{
		subject: '本店 (Store)',
		relation: 'how_to_change_address',
		object: '发货前可在「我的订单」→ 订单详情 →「修改地址」中更改；已发货订单请联系客服尝试改派。',
	},
];
const sources = (extra: Partial<GroundingSources> = {}): GroundingSources => ({ facts, context: ['耳机多少钱？'], watchedNames: [], ...extra });

describe('checkGrounding', () => {
	test('a reply that repeats the facts is grounded, and says which facts it used', () => {
		const check = checkGrounding('X1 耳机售价 499 元，可以用支付宝或 PayPal 付款。热线每天 9:00 到 21:00。', sources());
		expect(check.issues).toEqual([]);
		expect(check.usedFacts).toEqual(facts.slice(0, 4));
	});

	test('a price (or any number) that is not in the facts is flagged', () => {
		const check = checkGrounding('耳机现在只要 399 元，支持 12 期免息。', sources());
		expect(check.issues).toEqual([
			{ kind: 'number', value: '399', message: 'The number 399 is not in the facts' },
			{ kind: 'number', value: '12', message: 'The number 12 is not in the facts' },
		]);
	});

	test('numbers are compared as numbers: full width, thousands separators, leading zeros', () => {
		const withThousands: Fact[] = [{ subject: 'TV', relation: 'price', object: '¥1,299.00' }];
		expect(checkGrounding('It costs ¥１２９９ and ships at 09:00.', { facts: withThousands, context: ['9 am?'], watchedNames: [] }).issues).toEqual([
			{ kind: 'number', value: '00', message: 'The number 00 is not in the facts' },
		]);
		expect(checkGrounding('1. Open the app\n2. Pay with PayPal', sources()).issues).toEqual([]);
	});

	test('Latin-script names not in the facts are flagged; sentence-initial words are not names', () => {
		const check = checkGrounding('Sorry! You can pay with PayPal, Apple Pay or via DHL. Thanks.', sources());
		expect(check.issues.map((issue) => issue.value)).toEqual(['Apple', 'DHL']);
	});

	test('quoted names and watched names must come from the facts', () => {
		const check = checkGrounding('请在「我的订单」或「设置中心」修改，也可以用微信支付。', sources({ watchedNames: ['微信支付', '支付宝'] }));
		expect(check.issues).toEqual([
			{ kind: 'name', value: '设置中心', message: '"设置中心" is not in the facts' },
			{ kind: 'name', value: '微信支付', message: '"微信支付" is not in the facts' },
		]);
	});

	test('a paraphrase of a long fact counts as using it; an unrelated reply uses nothing', () => {
		const paraphrase = checkGrounding('发货前您可以在「我的订单」的订单详情里点「修改地址」更改；已经发货的订单请联系客服改派。', sources());
		expect(paraphrase.usedFacts).toEqual([facts[4]]);
		expect(checkGrounding('您好，请问还有什么问题？', sources()).usedFacts).toEqual([]);
	});
});
