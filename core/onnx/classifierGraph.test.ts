import * as ort from 'onnxruntime-node';

import type { FeatureBatch } from '../features/featurizer';
import { forward, quantizeEmbedding, type ClassifierNetwork } from '../model/network';
import { Random } from '../training/random';
import { CLASSIFIER_INPUTS, CLASSIFIER_OUTPUT, writeClassifierOnnx } from './classifierGraph';

const random = new Random(7);
const randomValues = (size: number, scale = 1) => Float32Array.from({ length: size }, () => random.uniform(scale));

function randomNetwork(options: { rows: number; dim: number; hidden: number; classes: number }): ClassifierNetwork {
	const { rows, dim, hidden, classes } = options;
	const buckets = 256;
	const rowOfBucket = Int32Array.from({ length: buckets }, () => Math.floor(random.next() * rows));
	const embedding = randomValues(rows * dim);
	embedding.fill(0, 0, dim);
	const inputs = hidden || dim;
	return {
		rowOfBucket,
		embedding: { kind: 'float32', values: embedding },
		embeddingDim: dim,
		hidden: hidden
			? { weight: randomValues(dim * hidden), bias: randomValues(hidden, 0.1), inputs: dim, outputs: hidden }
			: undefined,
		output: { weight: randomValues(inputs * classes), bias: randomValues(classes, 0.1), inputs, outputs: classes },
	};
}

/** Three messages of different lengths, padded with id 0 / weight 0 like the featurizer pads. */
function randomBatch(buckets: number): FeatureBatch {
	const lengths = [5, 1, 3];
	const length = Math.max(...lengths);
	const ids = new BigInt64Array(lengths.length * length);
	const weights = new Float32Array(lengths.length * length);
	lengths.forEach((count, row) => {
		for (let i = 0; i < count; i++) {
			ids[row * length + i] = BigInt(Math.floor(random.next() * buckets));
			weights[row * length + i] = random.next();
		}
	});
	return { ids, weights, batchSize: lengths.length, length };
}

async function runOnnx(bytes: Uint8Array, batch: FeatureBatch): Promise<Float32Array> {
	const session = await ort.InferenceSession.create(bytes);
	try {
		const shape = [batch.batchSize, batch.length];
		const results = await session.run({
			[CLASSIFIER_INPUTS.ids]: new ort.Tensor('int64', batch.ids, shape),
			[CLASSIFIER_INPUTS.weights]: new ort.Tensor('float32', batch.weights, shape),
		});
		return results[CLASSIFIER_OUTPUT].data as Float32Array;
	} finally {
		await session.release();
	}
}

const expectClose = (actual: Float32Array, expected: Float32Array) => {
	expect(actual.length).toBe(expected.length);
	actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
};

describe('writeClassifierOnnx', () => {
	it.each([
		['linear-sized embedding, no hidden layer', { rows: 40, dim: 4, hidden: 0, classes: 4 }],
		['bottleneck with a ReLU hidden layer', { rows: 40, dim: 6, hidden: 5, classes: 3 }],
		['vocabulary too large for uint16 row ids', { rows: 70_000, dim: 2, hidden: 0, classes: 2 }],
	])('gives the TypeScript forward pass’s probabilities (%s)', async (_, shape) => {
		const network = randomNetwork(shape);
		const batch = randomBatch(network.rowOfBucket.length);
		const bytes = writeClassifierOnnx(network, { labels: '[]' }, 'test');
		expectClose(await runOnnx(bytes, batch), forward(network, batch));
	});

	it('runs int8 embeddings (gathered, then scaled per row) like the TypeScript pass', async () => {
		const network = randomNetwork({ rows: 30, dim: 5, hidden: 4, classes: 3 });
		const quantized = { ...network, embedding: quantizeEmbedding(network.embedding.values as Float32Array, 5) };
		const batch = randomBatch(network.rowOfBucket.length);
		const bytes = writeClassifierOnnx(quantized, {}, 'test');
		expectClose(await runOnnx(bytes, batch), forward(quantized, batch));
		// Quantization moves probabilities only slightly.
		const drift = forward(network, batch).map((p, i) => Math.abs(p - forward(quantized, batch)[i]));
		expect(Math.max(...drift)).toBeLessThan(0.02);
	});

	it('stores metadata_props and probabilities that sum to 1', async () => {
		const network = randomNetwork({ rows: 10, dim: 3, hidden: 0, classes: 3 });
		const bytes = writeClassifierOnnx(network, { labels: '["a","b","c"]' }, 'test');
		const { onnx } = await import('onnx-proto');
		const model = onnx.ModelProto.decode(bytes);
		expect(model.metadataProps.map((entry) => [entry.key, entry.value])).toEqual([['labels', '["a","b","c"]']]);
		expect(Number(model.opsetImport[0].version)).toBeLessThanOrEqual(21);
		const probabilities = await runOnnx(bytes, randomBatch(network.rowOfBucket.length));
		for (let row = 0; row < 3; row++) {
			expect(probabilities.slice(row * 3, row * 3 + 3).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
		}
	});
});
