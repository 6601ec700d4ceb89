import { findMismatches } from './partialMatch';

describe('findMismatches', () => {
	test('ignores keys the expectation leaves out, checks nested ones', () => {
		const actual = { json: { intent: 'refund', scores: { refund: 0.9 } }, pairedItem: { item: 0 } };
		expect(findMismatches(actual, { json: { intent: 'refund' } })).toEqual([]);
		expect(findMismatches(actual, { json: { scores: { refund: 0.8 } } })).toEqual([
			'json.scores.refund: expected 0.8, got 0.9',
		]);
		expect(findMismatches(actual, { json: { label: 'x' } })).toEqual(['json.label: missing (expected "x")']);
	});

	test('arrays must have the expected length and match element by element', () => {
		expect(findMismatches([[{ a: 1 }, { a: 2 }]], [[{ a: 1 }]])).toEqual([
			'[0]: expected 1 element(s), got 2: [{"a":1},{"a":2}]',
		]);
		expect(findMismatches([[{ a: 1 }, { a: 2 }]], [[{ a: 1 }, { a: 3 }]])).toEqual([
			'[0][1].a: expected 3, got 2',
		]);
		expect(findMismatches({ a: 'x' }, { a: ['x'] })).toEqual(['a: expected an array, got "x"']);
	});

	test('$type checks the kind of value only', () => {
		expect(findMismatches({ a: 0.3, b: [], c: null }, { a: { $type: 'number' }, b: { $type: 'array' }, c: { $type: 'null' } })).toEqual([]);
		expect(findMismatches({ a: '0.3' }, { a: { $type: 'number' } })).toEqual([
			'a: expected a value of type number, got "0.3"',
		]);
	});

	test('$approx and $range accept numbers within bounds', () => {
		expect(findMismatches({ p: 0.91 }, { p: { $approx: 0.9, $tolerance: 0.05 } })).toEqual([]);
		expect(findMismatches({ p: 0.8 }, { p: { $approx: 0.9, $tolerance: 0.05 } })).toEqual([
			'p: expected 0.9 ± 0.05, got 0.8',
		]);
		expect(findMismatches({ p: 0.1 + 0.2 }, { p: { $approx: 0.3 } })).toEqual([]);
		expect(findMismatches({ p: 1 }, { p: { $range: [0, 1] } })).toEqual([]);
		expect(findMismatches({ p: 'high' }, { p: { $range: [0, 1] } })).toEqual([
			'p: expected a number in [0, 1], got "high"',
		]);
	});

	test('$regex matches strings, $absent requires a missing key', () => {
		expect(findMismatches({ m: 'Stamp must not be empty' }, { m: { $regex: '^Stamp' } })).toEqual([]);
		expect(findMismatches({ m: 'other' }, { m: { $regex: '^Stamp' } })).toEqual([
			'm: expected a string matching /^Stamp/, got "other"',
		]);
		expect(findMismatches({ a: 1 }, { b: { $absent: true } })).toEqual([]);
		expect(findMismatches({ a: 1 }, { a: { $absent: true } })).toEqual(['a: expected no value, got 1']);
	});

	test('rejects marker keys it does not know instead of ignoring them', () => {
		expect(findMismatches(1, { $aprox: 1 })).toEqual(['unknown marker key(s) $aprox']);
	});
});
