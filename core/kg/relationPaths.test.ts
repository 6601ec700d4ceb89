import { parseRelationPath, pathsForIntent } from './relationPaths';

describe('relation paths', () => {
	test('parses 1–2 hops, "^" for the inverse direction', () => {
		expect(parseRelationPath('门票').hops).toEqual([{ relation: '门票', direction: 'out' }]);
		expect(parseRelationPath(' ^周边景点 > 地址 ').hops).toEqual([
			{ relation: '周边景点', direction: 'in' },
			{ relation: '地址', direction: 'out' },
		]);
		expect(parseRelationPath('payment_method>description').text).toBe('payment_method>description');
	});

	test('rejects empty hops and more than two hops', () => {
		expect(() => parseRelationPath('')).toThrow(/hop 1 names no relation/);
		expect(() => parseRelationPath('a > ^')).toThrow(/hop 2 names no relation/);
		expect(() => parseRelationPath('a > b > c')).toThrow(/has 3 hops; at most 2/);
	});

	test("table rows first, then the graph's defaults, then a relation named like the intent", () => {
		const defaults = { change_payment_method: ['payment_method', 'payment_method > description'] };
		const relations = new Set(['门票', 'payment_method']);
		const table = [
			{ intent: 'Ticket_Price', path: '门票' },
			{ intent: 'ticket_price', path: '^周边景点 > 门票' },
		];
		expect(pathsForIntent('ticket_price', table, defaults, relations).paths.map((p) => p.text)).toEqual(['门票', '^周边景点 > 门票']);
		expect(pathsForIntent('change_payment_method', table, defaults, relations)).toMatchObject({ source: 'graph' });
		expect(pathsForIntent('门票', table, defaults, relations)).toMatchObject({ source: 'relation', paths: [{ text: '门票' }] });
		expect(pathsForIntent('greeting', table, defaults, relations).paths).toEqual([]);
		expect(pathsForIntent('  ', table, defaults, relations).paths).toEqual([]);
	});
});
