import { groupFacts } from './factGroups';
import type { Fact } from './types';

const store = '本店 (Store)';
const alipay = '支付宝 (Alipay)';
const facts: Fact[] = [
	{ subject: store, relation: 'payment_method', object: alipay },
	{ subject: alipay, relation: 'description', object: '扫码付款。', language: 'zh' },
	{ subject: alipay, relation: 'description', object: 'Pay by QR code.', language: 'en' },
];

describe('groupFacts', () => {
	test('with walked paths: the first node is the entity, the last the value, the one before it holds it', () => {
		const paths = [
			[store, 'payment_method', alipay],
			[store, 'payment_method', alipay, 'description', '扫码付款。'],
			[store, 'payment_method', alipay, 'description', 'Pay by QR code.'],
		];
		const [group, ...others] = groupFacts(facts, paths, 'en');
		expect(others).toEqual([]);
		expect(group.entity).toBe(store);
		expect(group.values.map(({ relation, holder, value }) => [relation, holder, value])).toEqual([
			['payment_method', store, alipay],
			['description', alipay, 'Pay by QR code.'],
		]);
		expect(group.values[1].facts).toEqual([facts[0], facts[2]]);
	});

	test('an inverse hop (^relation) is matched against the stored direction', () => {
		const nearby: Fact[] = [{ subject: '天坛', relation: '周边景点', object: '故宫' }];
		const [group] = groupFacts(nearby, [['故宫', '周边景点', '天坛']], 'zh');
		expect(group.entity).toBe('故宫');
		expect(group.values.map((value) => value.value)).toEqual(['天坛']);
		expect(group.values[0].facts).toEqual(nearby);
	});

	test('without paths, a fact reached by another is the second hop of a path from there', () => {
		const [group] = groupFacts(facts, [], 'zh');
		expect(group.entity).toBe(store);
		expect(group.values.map((value) => value.value)).toEqual([alipay, '扫码付款。']);
	});

	test('values are grouped per entity, without repeats', () => {
		const travel: Fact[] = [
			{ subject: '故宫', relation: '电话', object: '010-85007938' },
			{ subject: '天坛', relation: '电话', object: '010-67012402' },
			{ subject: '故宫', relation: '电话', object: '010-85007938' },
		];
		expect(groupFacts(travel, [], 'zh').map((group) => [group.entity, group.values.length])).toEqual([
			['故宫', 1],
			['天坛', 1],
		]);
	});
});
