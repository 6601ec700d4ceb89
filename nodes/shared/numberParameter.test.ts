import { checkNumber } from './numberParameter';

describe('checkNumber', () => {
	const topK = { displayName: 'Top K', min: 1, integer: true };
	const share = { displayName: 'Held-Out Share', min: 0, max: 0.5 };

	it('takes numbers and plain decimal text within the bounds', () => {
		expect(checkNumber(3, topK)).toBe(3);
		expect(checkNumber(' 12 ', topK)).toBe(12);
		expect(checkNumber('0.25', share)).toBe(0.25);
		expect(checkNumber('.5', share)).toBe(0.5);
		expect(checkNumber('-1e0', { displayName: 'Seed', integer: true })).toBe(-1);
	});

	it('gives undefined for unset values, so the caller applies its default', () => {
		for (const unset of [undefined, null, '', '  ']) expect(checkNumber(unset, topK)).toBeUndefined();
	});

	it.each([
		[Number.NaN, 'NaN'],
		['abc', '"abc"'],
		[-1, '-1'],
		[1.5, '1.5'],
		[0, '0'],
		[Infinity, 'Infinity'],
		[1e20, '100000000000000000000'],
		['0x10', '"0x10"'],
		['1e999', '"1e999"'],
		[true, 'true'],
		[[2], '[2]'],
		[{ k: 2 }, '{"k":2}'],
	])('refuses %p for a whole number of at least 1, showing it as %s', (value, shown) => {
		expect(() => checkNumber(value, topK)).toThrow(new RangeError(`Top K must be a whole number of at least 1, got ${shown}`));
	});

	it('names both bounds, and cuts a long value short', () => {
		expect(() => checkNumber(0.51, share)).toThrow('Held-Out Share must be a number from 0 to 0.5, got 0.51');
		expect(() => checkNumber('x'.repeat(1_000_000), share)).toThrow(`Held-Out Share must be a number from 0 to 0.5, got "${'x'.repeat(58)}…`);
		expect(() => checkNumber(-0.1, { displayName: 'Temperature', max: 2, min: 0 })).toThrow('Temperature must be a number from 0 to 2, got -0.1');
		expect(() => checkNumber(3, { displayName: 'Leaning', max: 0 })).toThrow('Leaning must be a number of at most 0, got 3');
	});
});
