import { EmbeddedGraph, relationsBetweenEntities } from './embeddedGraph';
import { parseTriplesJson } from './triplesFile';

const shop = () =>
	EmbeddedGraph.fromTriples(
		parseTriplesJson(
			JSON.stringify({
				defaultEntity: 'Shop',
				aliases: { Alipay: ['支付宝'] },
				triples: [
					['Shop', 'payment_method', 'Alipay'],
					['Shop', 'payment_method', 'PayPal'],
					['PayPal', 'description', 'Overseas orders only', 'en'],
					['PayPal', 'description', '仅限海外订单', 'zh'],
					['Alipay', 'description', 'Instant', 'en'],
					['Shop', 'hotline', '400-820-0000'],
					['X1', 'sold_by', 'Shop'],
				],
			}),
			'shop.json',
		),
	);

describe('EmbeddedGraph', () => {
	test('objects of relations between entities become nodes, other objects literal values', async () => {
		const graph = shop();
		expect(graph.order).toBe(4);
		expect(graph.size).toBe(3);
		const catalog = await graph.catalog();
		expect([...catalog.relationNames].sort()).toEqual(['description', 'hotline', 'payment_method', 'sold_by']);
		expect(catalog.defaultEntity).toBe('Shop');
		expect(catalog.resolve('支付宝')).toEqual(['Alipay']);
	});

	test('walks one hop, two hops and backwards, keeping the language asked for', async () => {
		const graph = shop();
		const oneHop = await graph.walk(['Shop'], [{ hops: [{ relation: 'hotline', direction: 'out' }], text: 'hotline' }], { limit: 10 });
		expect(oneHop.facts).toEqual([{ subject: 'Shop', relation: 'hotline', object: '400-820-0000' }]);
		expect(oneHop.query).toBe('Shop -[hotline]-> ?');

		const twoHops = await graph.walk(
			['Shop'],
			[{ hops: [{ relation: 'payment_method', direction: 'out' }, { relation: 'description', direction: 'out' }], text: '' }],
			{ limit: 10, language: 'zh' },
		);
		expect(twoHops.paths).toEqual([['Shop', 'payment_method', 'PayPal', 'description', '仅限海外订单']]);
		expect(twoHops.facts).toEqual([
			{ subject: 'Shop', relation: 'payment_method', object: 'PayPal' },
			{ subject: 'PayPal', relation: 'description', object: '仅限海外订单', language: 'zh' },
		]);

		const backwards = await graph.walk(['Shop'], [{ hops: [{ relation: 'sold_by', direction: 'in' }], text: '^sold_by' }], { limit: 10 });
		expect(backwards.facts).toEqual([{ subject: 'X1', relation: 'sold_by', object: 'Shop' }]);
		expect(backwards.query).toBe('Shop <-[sold_by]- ?');
	});

	test('limits the end points of each path, and ignores unknown entities', async () => {
		const graph = shop();
		const walked = await graph.walk(['Shop', 'Nowhere'], [{ hops: [{ relation: 'payment_method', direction: 'out' }], text: '' }], { limit: 1 });
		expect(walked.paths).toEqual([['Shop', 'payment_method', 'Alipay']]);
	});

	test('profiles: relations both ways and normalized literal text', async () => {
		const profiles = await shop().profiles(['PayPal', 'Shop', 'Nowhere']);
		expect([...profiles.keys()]).toEqual(['PayPal', 'Shop']);
		expect(profiles.get('PayPal')).toMatchObject({ literalText: 'overseas orders only\n仅限海外订单' });
		expect([...profiles.get('PayPal')!.inRelations]).toEqual(['payment_method']);
		expect([...profiles.get('Shop')!.outRelations].sort()).toEqual(['hotline', 'payment_method']);
	});

	test('lookup: properties by relation and language, neighbours both ways, relation filter, limit', async () => {
		const graph = shop();
		expect(await graph.lookup('PayPal', { limit: 10, language: 'en' })).toEqual({
			name: 'PayPal',
			aliases: [],
			properties: { description: ['Overseas orders only'] },
			neighbours: [{ relation: 'payment_method', direction: 'in', entity: 'Shop' }],
		});
		const filtered = await graph.lookup('Shop', { limit: 1, relations: ['payment_method'] });
		expect(filtered?.neighbours).toEqual([{ relation: 'payment_method', direction: 'out', entity: 'Alipay' }]);
		expect(filtered?.properties).toEqual({});
		expect(await graph.lookup('Nowhere', { limit: 1 })).toBeUndefined();
	});

	test('lookup: relations named like members of every object are properties like any other', async () => {
		const triples = [['Tower', 'constructor', 'Eiffel'], ['Tower', 'toString', 'x'], ['Tower', '__proto__', 'y'], ['Tower', 'constructor', 'Koechlin']];
		const graph = EmbeddedGraph.fromTriples(parseTriplesJson(JSON.stringify(triples), 'tower.json'));
		const details = await graph.lookup('Tower', { limit: 10 });
		expect(JSON.parse(JSON.stringify(details?.properties))).toEqual(JSON.parse('{"constructor":["Eiffel","Koechlin"],"toString":["x"],"__proto__":["y"]}'));
	});
});

describe('relationsBetweenEntities', () => {
	test('a relation is between entities when at least half of its objects are entities', () => {
		const set = parseTriplesJson(JSON.stringify([['A', 'near', 'B'], ['B', 'near', 'C'], ['B', 'near', 'D'], ['A', 'ticket', 'B']]), 'x');
		// near: B is a subject, C and D are not → 1 of 3 entities; ticket: B → 1 of 1.
		expect([...relationsBetweenEntities(set)]).toEqual(['ticket']);
	});
});
