import type { EncodedSet } from './encode';
import { forward } from '../model/network';
import { fitNetwork, type FitSettings } from './fit';

/** Rows 1 and 2 only in class 0 messages, row 3 only in class 1, row 4 in both. */
const set: EncodedSet = {
	offsets: Int32Array.from([0, 2, 4, 6]),
	rows: Int32Array.from([1, 4, 2, 4, 3, 4]),
	weights: Float32Array.from([0.8, 0.6, 0.8, 0.6, 0.8, 0.6]),
	labels: Int32Array.from([0, 0, 1]),
};
const shape = { rows: 5, classes: 2, embeddingDim: 2, hiddenDim: 0 };
const settings = (naiveBayesPrior: number, maxEpochs = 0): FitSettings => ({
	maxEpochs,
	patience: 2,
	learningRate: 0.2,
	learningRateDecay: 0,
	l2: 0,
	labelSmoothing: 0,
	classBalancing: false,
	gradientFloor: 1e-3,
	naiveBayesPrior,
	seed: 1,
});
const scores = (values: Float32Array, row: number) => [values[row * 2], values[row * 2 + 1]];

describe('fitNetwork naive Bayes start', () => {
	it('starts each feature at its class log-count ratio, centred, scaled by the strength', () => {
		const once = fitNetwork(set, undefined, shape, new Int32Array(8), settings(1)).network.embedding.values as Float32Array;
		const twice = fitNetwork(set, undefined, shape, new Int32Array(8), settings(2)).network.embedding.values as Float32Array;
		expect(scores(once, 0)).toEqual([0, 0]);
		const [class0, class1] = scores(once, 3);
		expect(class1).toBeGreaterThan(0);
		expect(class0 + class1).toBeCloseTo(0, 6);
		expect(scores(once, 1)[0]).toBeGreaterThan(0);
		expect(scores(once, 1)).toEqual(scores(once, 2));
		// Row 4 is in every message: a ratio near zero.
		expect(Math.abs(scores(once, 4)[0])).toBeLessThan(scores(once, 1)[0]);
		expect(scores(twice, 3)[1]).toBeCloseTo(2 * class1, 5);
	});

	it('starts at zero without it, and only a linear model takes it', () => {
		const linear = fitNetwork(set, undefined, shape, new Int32Array(8), settings(0)).network.embedding.values;
		expect([...linear].every((value) => value === 0)).toBe(true);
		const hiddenShape = { ...shape, embeddingDim: 4, hiddenDim: 3 };
		const hidden = (prior: number) => fitNetwork(set, undefined, hiddenShape, new Int32Array(8), settings(prior)).network.embedding.values;
		expect(hidden(1)).toEqual(hidden(0));
	});

	it('then learns the training set', () => {
		const trained = fitNetwork(set, set, shape, new Int32Array(8), settings(1, 5));
		expect(trained.validation?.accuracy).toBe(1);
	});
});

describe('fitNetwork out-of-scope class', () => {
	// The same messages, each its own class: rows 1, 2, 3 mark classes 0, 1 and 2 (out of scope), row 4 is in all.
	const threeClasses: EncodedSet = { ...set, labels: Int32Array.from([0, 1, 2]) };
	const threeShape = { rows: 5, classes: 3, embeddingDim: 3, hiddenDim: 0 };
	const identity = Int32Array.from([0, 1, 2, 3, 4]);
	const outOfScopeProbability = (outOfScopeClass?: number) => {
		const { network } = fitNetwork(threeClasses, undefined, threeShape, identity, { ...settings(0, 5), outOfScopeClass });
		// A message with only the shared row: nothing says which class.
		return forward(network, { ids: BigInt64Array.from([4n]), weights: Float32Array.from([1]), batchSize: 1, length: 1 })[2];
	};

	it('weighs its examples more, so that messages unlike any class lean to it', () => {
		expect(outOfScopeProbability()).toBeCloseTo(1 / 3, 1);
		expect(outOfScopeProbability(2)).toBeGreaterThan(outOfScopeProbability() + 0.02);
	});
});

describe('fitNetwork forward pass', () => {
	// Messages of 1 to 9 distinct rows: the pooling adds rows four at a time, then one by one.
	const lengths = [1, 2, 3, 4, 5, 6, 7, 8, 9];
	const rowsOf = (m: number) => Array.from({ length: lengths[m] }, (_, i) => 1 + ((m * 5 + i * 3) % 11));
	const messages: EncodedSet = {
		offsets: Int32Array.from([0, ...lengths.map((_, m) => lengths.slice(0, m + 1).reduce((a, b) => a + b))]),
		rows: Int32Array.from(lengths.flatMap((_, m) => rowsOf(m))),
		weights: Float32Array.from(lengths.flatMap((length) => Array.from({ length }, (_, i) => 1 / (i + 1)))),
		labels: Int32Array.from(lengths.map((_, m) => m % 3)),
	};
	const identity = Int32Array.from({ length: 12 }, (_, i) => i);
	const weightsOf = (m: number) => [...messages.weights.subarray(messages.offsets[m], messages.offsets[m + 1])];
	// The same messages as the ONNX model takes them: padded to 9 with id 0, weight 0.
	const padded = (values: number[]) => [...values, ...Array<number>(9 - values.length).fill(0)];
	const batch = {
		ids: BigInt64Array.from(lengths.flatMap((_, m) => padded(rowsOf(m))), BigInt),
		weights: Float32Array.from(lengths.flatMap((_, m) => padded(weightsOf(m)))),
		batchSize: lengths.length,
		length: 9,
	};

	it.each([
		['linear', { rows: 12, classes: 3, embeddingDim: 3, hiddenDim: 0 }],
		['hidden layer', { rows: 12, classes: 3, embeddingDim: 5, hiddenDim: 4 }],
	])('gives the trained network’s probabilities (%s)', (_, networkShape) => {
		const trained = fitNetwork(messages, messages, networkShape, identity, settings(0, 3));
		const expected = forward(trained.network, batch);
		trained.validationProbabilities?.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
		expect(trained.validationProbabilities).toHaveLength(expected.length);
	});
});
