/**
 * Counts per bucket id in first-seen order, reused message after message: an open-addressing table
 * over typed arrays, so that featurizing allocates nothing per n-gram (a Map per message did, and was
 * most of the featurizer's time).
 */
export class BucketCounts {
	/** Distinct ids in first-seen order; `values[slot]` belongs to `ids[slot]`. */
	ids = new Int32Array(64);
	values = new Float64Array(64);
	size = 0;
	/** Open-addressing index: slot + 1 of the id hashed there, valid only where `stamps` holds `generation`. */
	private table = new Int32Array(256);
	private stamps = new Uint32Array(256);
	private generation = 1;

	/** Forgets every id without touching the arrays (a new generation). */
	clear(): void {
		this.size = 0;
		if (++this.generation === 0xffffffff) {
			this.stamps.fill(0);
			this.generation = 1;
		}
	}

	/** Adds 1 to the count of `id` (an unsigned 31-bit bucket id). */
	increment(id: number): void {
		const position = this.find(id);
		if (this.stamps[position] === this.generation) {
			this.values[this.table[position] - 1]++;
			return;
		}
		if (this.size === this.ids.length) this.growSlots();
		const slot = this.size++;
		this.ids[slot] = id;
		this.values[slot] = 1;
		this.stamps[position] = this.generation;
		this.table[position] = slot + 1;
		// Kept at most half full, so that probes stay short.
		if (2 * this.size > this.table.length) this.growTable();
	}

	/** Slot of `id`, or −1 when it was not counted since the last clear. */
	slotOf(id: number): number {
		const position = this.find(id);
		return this.stamps[position] === this.generation ? this.table[position] - 1 : -1;
	}

	/** Table position holding `id`, or the free position where it would go (linear probing). */
	private find(id: number): number {
		const mask = this.table.length - 1;
		// Bucket ids are finished hashes: their low bits are already well mixed.
		for (let position = id & mask; ; position = (position + 1) & mask) {
			if (this.stamps[position] !== this.generation) return position;
			if (this.ids[this.table[position] - 1] === id) return position;
		}
	}

	private growSlots(): void {
		const ids = new Int32Array(2 * this.ids.length);
		const values = new Float64Array(2 * this.values.length);
		ids.set(this.ids);
		values.set(this.values);
		this.ids = ids;
		this.values = values;
	}

	private growTable(): void {
		this.table = new Int32Array(2 * this.table.length);
		this.stamps = new Uint32Array(this.table.length);
		this.generation = 1;
		for (let slot = 0; slot < this.size; slot++) {
			const position = this.find(this.ids[slot]);
			this.stamps[position] = this.generation;
			this.table[position] = slot + 1;
		}
	}
}
