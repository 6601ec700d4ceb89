import { BucketCounts } from './bucketCounts';

describe('BucketCounts', () => {
	it('counts ids in first-seen order and finds their slots', () => {
		const counts = new BucketCounts();
		for (const id of [7, 3, 7, 1_048_575, 3, 7]) counts.increment(id);
		expect(Array.from(counts.ids.subarray(0, counts.size))).toEqual([7, 3, 1_048_575]);
		expect(Array.from(counts.values.subarray(0, counts.size))).toEqual([3, 2, 1]);
		expect(counts.slotOf(1_048_575)).toBe(2);
		expect(counts.slotOf(8)).toBe(-1);
	});

	it('forgets everything on clear, then counts afresh', () => {
		const counts = new BucketCounts();
		counts.increment(5);
		counts.clear();
		expect(counts.size).toBe(0);
		expect(counts.slotOf(5)).toBe(-1);
		counts.increment(6);
		counts.increment(5);
		expect(Array.from(counts.ids.subarray(0, counts.size))).toEqual([6, 5]);
		expect(counts.values[1]).toBe(1);
	});

	it('grows past its first capacity, with colliding ids, keeping every count', () => {
		const counts = new BucketCounts();
		// Multiples of 1024 all start probing at the same table position.
		const ids = Array.from({ length: 5000 }, (_, i) => i * 1024);
		for (const id of ids) counts.increment(id);
		for (const id of ids.slice(0, 100)) counts.increment(id);
		expect(counts.size).toBe(5000);
		expect(Array.from(counts.ids.subarray(0, counts.size))).toEqual(ids);
		expect(counts.values[99]).toBe(2);
		expect(counts.values[100]).toBe(1);
		expect(counts.slotOf(4999 * 1024)).toBe(4999);
	});
});
