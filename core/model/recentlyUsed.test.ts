import { RecentlyUsed } from './recentlyUsed';

describe('RecentlyUsed', () => {
	it('drops the least recently used entry past its limit; reading an entry makes it recent', () => {
		const cache = new RecentlyUsed<string, number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		expect(cache.get('a')).toBe(1);
		cache.set('c', 3);
		expect([...cache].map(([key]) => key)).toEqual(['a', 'c']);
		expect(cache.get('b')).toBeUndefined();
		cache.set('a', 10);
		cache.set('d', 4);
		expect([...cache]).toEqual([
			['a', 10],
			['d', 4],
		]);
		expect(cache.size).toBe(2);
	});

	it('deletes entries and refuses a limit below 1', () => {
		const cache = new RecentlyUsed<string, number>(1);
		cache.set('a', 1);
		cache.delete('a');
		expect(cache.size).toBe(0);
		expect(() => new RecentlyUsed(0)).toThrow(RangeError);
	});
});
