/**
 * A map that keeps its `limit` most recently used entries: reading or writing an entry makes it the most
 * recent, and writing past the limit drops the least recent. For per-process caches whose keys keep
 * coming (a model per retrained version, per edit of typed examples) so that they do not grow for ever.
 */
export class RecentlyUsed<K, V> {
	private readonly entries = new Map<K, V>();

	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
	}

	get size(): number {
		return this.entries.size;
	}

	get(key: K): V | undefined {
		const value = this.entries.get(key);
		if (value !== undefined) {
			// A Map iterates in insertion order: inserting again moves the entry to the recent end.
			this.entries.delete(key);
			this.entries.set(key, value);
		}
		return value;
	}

	set(key: K, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.limit) break;
			this.entries.delete(oldest);
		}
	}

	delete(key: K): void {
		this.entries.delete(key);
	}

	/** Entries from least to most recently used, without touching their order. */
	[Symbol.iterator](): IterableIterator<[K, V]> {
		return this.entries[Symbol.iterator]();
	}
}
