import { Random } from '../../training/random';

export interface SamplerSettings {
	/** 0 (or less): greedy, the most likely token every step. */
	temperature: number;
	/** Nucleus sampling: the smallest set of tokens holding this much probability (1: all). */
	topP: number;
	/** Only the k most likely tokens (0: all). */
	topK: number;
	/** > 1 makes tokens already in the sequence less likely (Hugging Face's rule). */
	repetitionPenalty: number;
	seed: number;
}

/** Picks the next token from the last position's logits and the sequence so far (prompt included). */
export type PickNext = (logits: Float32Array, sequence: readonly number[]) => number;

/** Index of the largest value; the lowest index wins a tie. */
export function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}

/**
 * A token picker: greedy when the temperature is 0, else temperature / top-k / top-p sampling from a
 * seeded generator (the same seed and prompt give the same reply). Logits are not modified.
 */
export function createSampler(settings: SamplerSettings): PickNext {
	const random = new Random(settings.seed);
	return (logits, sequence) => {
		const scores = settings.repetitionPenalty === 1 ? logits : penalize(logits, sequence, settings.repetitionPenalty);
		if (settings.temperature <= 0) return argmax(scores);
		return sample(scores, settings, random.next());
	};
}

function penalize(logits: Float32Array, sequence: readonly number[], penalty: number): Float32Array {
	const scores = Float32Array.from(logits);
	for (const token of new Set(sequence)) {
		if (token < 0 || token >= scores.length) continue;
		scores[token] = scores[token] > 0 ? scores[token] / penalty : scores[token] * penalty;
	}
	return scores;
}

function sample(scores: Float32Array, settings: SamplerSettings, draw: number): number {
	let candidates = Array.from(scores.keys());
	const limitK = settings.topK > 0 && settings.topK < scores.length;
	// Top-k and top-p keep the most likely tokens: rank them (ties by token id, so runs repeat exactly).
	if (limitK || settings.topP < 1) candidates.sort((a, b) => scores[b] - scores[a] || a - b);
	if (limitK) candidates = candidates.slice(0, settings.topK);
	let largest = -Infinity;
	for (const token of candidates) largest = Math.max(largest, scores[token]);
	const weights = candidates.map((token) => Math.exp((scores[token] - largest) / settings.temperature));
	let total = weights.reduce((sum, weight) => sum + weight, 0);
	if (settings.topP < 1) {
		let kept = 0;
		let mass = 0;
		while (kept < weights.length && mass < settings.topP * total) mass += weights[kept++];
		candidates = candidates.slice(0, kept);
		total = mass;
	}
	let threshold = draw * total;
	for (let i = 0; i < candidates.length; i++) {
		threshold -= weights[i];
		if (threshold < 0) return candidates[i];
	}
	return candidates[candidates.length - 1];
}
