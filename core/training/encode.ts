import type { Featurizer, MessageFeatures } from '../features/featurizer';

/** Messages as sparse rows over embedding rows (CSR), with class indexes. */
export interface EncodedSet {
	/** Message m's features are `rows/weights[offsets[m] … offsets[m + 1])`. */
	offsets: Int32Array;
	rows: Int32Array;
	weights: Float32Array;
	labels: Int32Array;
}

export const exampleCount = (set: EncodedSet): number => set.labels.length;

/** Bucket → embedding row for the buckets seen in ≥ `minCount` training messages (row 0: unknown). */
export function buildVocabulary(
	features: readonly MessageFeatures[],
	buckets: number,
	minCount: number,
	maxRows: number,
): { rowOfBucket: Int32Array; rows: number } {
	const documentFrequency = new Map<number, number>();
	for (const message of features) {
		for (const id of message.ids) documentFrequency.set(id, (documentFrequency.get(id) ?? 0) + 1);
	}
	let kept = [...documentFrequency].filter(([, count]) => count >= minCount);
	if (kept.length > maxRows - 1) {
		// Most frequent first; ties by id so that the vocabulary does not depend on Map order.
		kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
		kept = kept.slice(0, maxRows - 1);
	}
	kept.sort((a, b) => a[0] - b[0]);
	const rowOfBucket = new Int32Array(buckets);
	kept.forEach(([id], index) => (rowOfBucket[id] = index + 1));
	return { rowOfBucket, rows: kept.length + 1 };
}

/** CSR encoding of featurized messages; features outside the vocabulary are dropped. */
export function encode(features: readonly MessageFeatures[], labels: Int32Array, rowOfBucket: Int32Array): EncodedSet {
	const offsets = new Int32Array(features.length + 1);
	let total = 0;
	features.forEach((message, m) => {
		for (const id of message.ids) if (rowOfBucket[id] !== 0) total++;
		offsets[m + 1] = total;
	});
	const rows = new Int32Array(total);
	const weights = new Float32Array(total);
	let at = 0;
	for (const message of features) {
		for (let i = 0; i < message.ids.length; i++) {
			const row = rowOfBucket[message.ids[i]];
			if (row === 0) continue;
			rows[at] = row;
			weights[at] = message.weights[i];
			at++;
		}
	}
	return { offsets, rows, weights, labels };
}

export function featurizeAll(featurizer: Featurizer, texts: readonly string[]): MessageFeatures[] {
	return texts.map((text) => featurizer.featurize(text));
}
