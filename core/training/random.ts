/** Seeded pseudo-random numbers (mulberry32): the same seed gives the same model on every machine. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform in [-limit, limit). */
	uniform(limit: number): number {
		return (this.next() * 2 - 1) * limit;
	}

	/** Fisher–Yates shuffle in place. */
	shuffle<T extends { [index: number]: number; length: number }>(values: T): T {
		for (let i = values.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
		return values;
	}
}
