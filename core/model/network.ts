import type { FeatureBatch } from '../features/featurizer';

/**
 * Embedding table over the features seen in training. Row 0 is all zeros: every hash bucket that
 * training never saw maps there, so the file holds only rows that were learned.
 */
export type EmbeddingTable =
	| { kind: 'float32'; values: Float32Array }
	/** Symmetric int8 with one scale per row: value = int8 × scale. */
	| { kind: 'int8'; values: Int8Array; scales: Float32Array };

export interface DenseLayer {
	/** Row-major `[inputs × outputs]`. */
	weight: Float32Array;
	bias: Float32Array;
	inputs: number;
	outputs: number;
}

/**
 * The classifier network: hashed ids → embedding rows → weighted sum (the featurizer's weights make
 * it a masked mean or an L2-normalized bag) → optional ReLU hidden layer → linear → softmax.
 */
export interface ClassifierNetwork {
	/** Bucket id → embedding row (0: unknown feature). Length = the featurizer's bucket count. */
	rowOfBucket: Int32Array;
	embedding: EmbeddingTable;
	embeddingDim: number;
	hidden?: DenseLayer;
	/** Maps the pooled (or hidden) vector to class scores. */
	output: DenseLayer;
}

export const classCount = (network: ClassifierNetwork): number => network.output.outputs;
export const embeddingRows = (network: ClassifierNetwork): number =>
	network.embedding.values.length / network.embeddingDim;

/** Per-row symmetric int8 quantization of a float table (4× smaller, error ≤ scale / 2 per value). */
export function quantizeEmbedding(values: Float32Array, dim: number): EmbeddingTable {
	const rows = values.length / dim;
	const quantized = new Int8Array(values.length);
	const scales = new Float32Array(rows);
	for (let row = 0; row < rows; row++) {
		let largest = 0;
		for (let k = row * dim; k < (row + 1) * dim; k++) largest = Math.max(largest, Math.abs(values[k]));
		const scale = largest / 127;
		scales[row] = scale;
		if (scale === 0) continue;
		for (let k = row * dim; k < (row + 1) * dim; k++) quantized[k] = Math.round(values[k] / scale);
	}
	return { kind: 'int8', values: quantized, scales };
}

/** The float value of embedding entry `row × dim + k`. */
export function embeddingValue(table: EmbeddingTable, dim: number, index: number): number {
	return table.kind === 'float32' ? table.values[index] : table.values[index] * table.scales[Math.floor(index / dim)];
}

export function softmaxInPlace(values: Float32Array | Float64Array, start = 0, end = values.length): void {
	let largest = -Infinity;
	for (let i = start; i < end; i++) largest = Math.max(largest, values[i]);
	let sum = 0;
	for (let i = start; i < end; i++) {
		values[i] = Math.exp(values[i] - largest);
		sum += values[i];
	}
	for (let i = start; i < end; i++) values[i] /= sum;
}

function applyDense(layer: DenseLayer, input: Float64Array, relu: boolean): Float64Array {
	const out = Float64Array.from(layer.bias);
	for (let i = 0; i < layer.inputs; i++) {
		const x = input[i];
		if (x === 0) continue;
		const offset = i * layer.outputs;
		for (let o = 0; o < layer.outputs; o++) out[o] += x * layer.weight[offset + o];
	}
	if (relu) for (let o = 0; o < out.length; o++) out[o] = Math.max(0, out[o]);
	return out;
}

/**
 * Class probabilities `[batchSize × classes]` computed in TypeScript, exactly as the ONNX graph
 * computes them. The reference for the writer's tests and the trainer's evaluation.
 */
export function forward(network: ClassifierNetwork, batch: FeatureBatch): Float32Array {
	const dim = network.embeddingDim;
	const classes = classCount(network);
	const probabilities = new Float32Array(batch.batchSize * classes);
	for (let b = 0; b < batch.batchSize; b++) {
		const pooled = new Float64Array(dim);
		for (let i = b * batch.length; i < (b + 1) * batch.length; i++) {
			const weight = batch.weights[i];
			const row = network.rowOfBucket[Number(batch.ids[i])];
			if (weight === 0 || row === 0) continue;
			for (let k = 0; k < dim; k++) pooled[k] += weight * embeddingValue(network.embedding, dim, row * dim + k);
		}
		const hidden = network.hidden ? applyDense(network.hidden, pooled, true) : pooled;
		const logits = applyDense(network.output, hidden, false);
		probabilities.set(logits, b * classes);
		softmaxInPlace(probabilities, b * classes, (b + 1) * classes);
	}
	return probabilities;
}
