import type { ClassifierNetwork, DenseLayer } from '../model/network';
import { exampleCount, type EncodedSet } from './encode';
import { Random } from './random';

/** Optimization settings of {@link fitNetwork}. */
export interface FitSettings {
	/** Upper bound on passes over the data (early stopping usually ends sooner). */
	maxEpochs: number;
	/** Epochs without a better validation score before stopping. */
	patience: number;
	/** AdaGrad step size. */
	learningRate: number;
	/** The step size is divided by (1 + decay × epoch). */
	learningRateDecay: number;
	/** L2 penalty on the rows and weights an example touches. */
	l2: number;
	/** Target mass spread over the other classes. */
	labelSmoothing: number;
	/** Weight each class by n / (classes × n_class) so that rare classes count as much. */
	classBalancing: boolean;
	/**
	 * The out-of-scope class, if the data has one: its examples weigh √(other classes) times as much,
	 * since they must cover every topic the other classes do not, with about as many examples as one.
	 */
	outOfScopeClass?: number;
	/**
	 * A linear model starts at this multiple of the naive Bayes class scores of its features (see
	 * {@link naiveBayesStart}); 0 starts at zero. Ignored with a hidden layer.
	 */
	naiveBayesPrior: number;
	/**
	 * Embedding columns whose gradient is smaller than this are not updated for an example. Once the
	 * model is confident, most classes' gradients are tiny: this skips most of the work, not accuracy.
	 */
	gradientFloor: number;
	seed: number;
}

export interface NetworkShape {
	rows: number;
	classes: number;
	/** Embedding width; equal to `classes` without hidden layer means a plain linear model. */
	embeddingDim: number;
	/** ReLU hidden layer width, 0 for none. */
	hiddenDim: number;
}

export interface EpochReport {
	epoch: number;
	trainLoss: number;
	validationLoss?: number;
	validationAccuracy?: number;
}

export interface FitResult {
	network: ClassifierNetwork;
	/** Epochs of the best parameters on validation (or all epochs without validation). */
	epochs: number;
	history: EpochReport[];
	/** `[validation examples × classes]` at the best epoch (before any refit pass). */
	validationProbabilities?: Float32Array;
	/** Accuracy and loss on validation at the best epoch. */
	validation?: { accuracy: number; loss: number };
}

const ADAGRAD_INITIAL_ACCUMULATOR = 0.01;
/** Added to each feature's weighted count per class; a normalized feature weighs ≈ 0.1–0.3 per message. */
const NAIVE_BAYES_PSEUDO_COUNT = 0.1;
/** Relative validation-loss decrease that counts as an improvement when accuracy is unchanged. */
const MIN_LOSS_GAIN = 0.02;

/** Trainable tensor with its AdaGrad accumulator. */
class Parameter {
	readonly values: Float32Array;
	readonly accumulator: Float32Array;

	constructor(size: number) {
		this.values = new Float32Array(size);
		this.accumulator = new Float32Array(size).fill(ADAGRAD_INITIAL_ACCUMULATOR);
	}

	/** One AdaGrad step on entry `index` with gradient `gradient` (plus the L2 term). */
	step(index: number, gradient: number, rate: number, l2: number): void {
		const g = gradient + l2 * this.values[index];
		const accumulated = this.accumulator[index] + g * g;
		this.accumulator[index] = accumulated;
		this.values[index] -= (rate * g) / Math.sqrt(accumulated);
	}

	/** A copy of the values, written into `into` when given (a buffer of an earlier snapshot). */
	snapshot(into?: Float32Array): Float32Array {
		if (!into) return this.values.slice();
		into.set(this.values);
		return into;
	}

	restore(snapshot: Float32Array): void {
		this.values.set(snapshot);
	}
}

/**
 * The embedding rows with their AdaGrad accumulators, row by row: `state[row × 2·dim …]` holds the
 * row's `dim` values, then its `dim` accumulators. An update reads and writes both, scattered over a
 * table far larger than the CPU caches; side by side they share cache lines (BANKING77 training ≈ 20 %
 * faster than two separate arrays, same arithmetic).
 */
class EmbeddingTable {
	readonly state: Float32Array;

	constructor(
		readonly rows: number,
		readonly dim: number,
	) {
		this.state = new Float32Array(rows * 2 * dim);
		for (let row = 0; row < rows; row++) {
			this.state.fill(ADAGRAD_INITIAL_ACCUMULATOR, this.offset(row) + dim, this.offset(row) + 2 * dim);
		}
	}

	/** Where row `row`'s values start in `state`; its accumulators follow `dim` entries later. */
	offset(row: number): number {
		return row * 2 * this.dim;
	}

	/** The values alone, `[rows × dim]`, written into `into` when given (a buffer of an earlier snapshot). */
	snapshot(into?: Float32Array): Float32Array {
		const values = into ?? new Float32Array(this.rows * this.dim);
		for (let row = 0; row < this.rows; row++) {
			values.set(this.state.subarray(this.offset(row), this.offset(row) + this.dim), row * this.dim);
		}
		return values;
	}

	/** Sets the values from `[rows × dim]`; the accumulators keep their state. */
	restore(values: Float32Array): void {
		for (let row = 0; row < this.rows; row++) {
			this.state.set(values.subarray(row * this.dim, (row + 1) * this.dim), this.offset(row));
		}
	}
}

/** `target[0 … length) += scale × source[offset …]`, unrolled: V8 does not unroll, and this is the hot loop. */
function addScaled(target: Float64Array, source: Float32Array, offset: number, scale: number, length: number): void {
	let k = 0;
	for (; k + 3 < length; k += 4) {
		target[k] += scale * source[offset + k];
		target[k + 1] += scale * source[offset + k + 1];
		target[k + 2] += scale * source[offset + k + 2];
		target[k + 3] += scale * source[offset + k + 3];
	}
	for (; k < length; k++) target[k] += scale * source[offset + k];
}

interface Parameters {
	embedding: EmbeddingTable;
	hiddenWeight?: Parameter;
	hiddenBias?: Parameter;
	/** Absent for the linear model, whose embedding rows are the class scores. */
	outputWeight?: Parameter;
	outputBias: Parameter;
}

function initialize(shape: NetworkShape, random: Random): Parameters {
	const { rows, classes, embeddingDim, hiddenDim } = shape;
	const linear = hiddenDim === 0 && embeddingDim === classes;
	const embedding = new EmbeddingTable(rows, embeddingDim);
	if (!linear) {
		// Row 0 (unknown features) stays zero: it is never updated.
		for (let row = 1; row < rows; row++) {
			const offset = embedding.offset(row);
			for (let k = 0; k < embeddingDim; k++) embedding.state[offset + k] = random.uniform(1 / embeddingDim);
		}
	}
	const parameters: Parameters = { embedding, outputBias: new Parameter(classes) };
	if (hiddenDim > 0) {
		parameters.hiddenWeight = new Parameter(embeddingDim * hiddenDim);
		parameters.hiddenBias = new Parameter(hiddenDim);
		const limit = Math.sqrt(6 / (embeddingDim + hiddenDim));
		for (let i = 0; i < parameters.hiddenWeight.values.length; i++) {
			parameters.hiddenWeight.values[i] = random.uniform(limit);
		}
	}
	if (!linear) parameters.outputWeight = new Parameter((hiddenDim || embeddingDim) * classes);
	return parameters;
}

/**
 * A linear model's starting embedding, `[rows × classes]`: each row `strength` × its feature's naive
 * Bayes log-probability under each class, centred over the classes (the log-count ratios of Wang &
 * Manning's NBSVM, 2012).
 * Training then corrects counting instead of starting from nothing: on long reviews the many features
 * seen in a few messages begin with their polarity (ChnSentiCorp dev +1.5 points) — with many classes
 * of a hundred messages each, the counts are too thin and it costs accuracy.
 */
function naiveBayesStart(train: EncodedSet, shape: NetworkShape, strength: number): Float32Array {
	const { rows, classes } = shape;
	const totals = new Float64Array(classes);
	const embedding = new Float32Array(rows * classes).fill(NAIVE_BAYES_PSEUDO_COUNT, classes);
	for (let m = 0; m < exampleCount(train); m++) {
		const label = train.labels[m];
		for (let j = train.offsets[m]; j < train.offsets[m + 1]; j++) {
			embedding[train.rows[j] * classes + label] += train.weights[j];
			totals[label] += train.weights[j];
		}
	}
	for (let c = 0; c < classes; c++) totals[c] = Math.log(totals[c] + NAIVE_BAYES_PSEUDO_COUNT * rows);
	// Row 0 (unknown features) stays zero.
	for (let offset = classes; offset < embedding.length; offset += classes) {
		let mean = 0;
		for (let c = 0; c < classes; c++) {
			embedding[offset + c] = Math.log(embedding[offset + c]) - totals[c];
			mean += embedding[offset + c];
		}
		mean /= classes;
		for (let c = 0; c < classes; c++) embedding[offset + c] = strength * (embedding[offset + c] - mean);
	}
	return embedding;
}

/** Examples per class index (labels < 0, unknown to training, are not counted). */
export function classCounts(labels: Int32Array, classes: number): Float64Array {
	const counts = new Float64Array(classes);
	for (const label of labels) if (label >= 0) counts[label]++;
	return counts;
}

function classWeights(labels: Int32Array, classes: number, settings: FitSettings): Float32Array {
	const weights = new Float32Array(classes).fill(1);
	if (settings.classBalancing) {
		const counts = classCounts(labels, classes);
		for (let c = 0; c < classes; c++) weights[c] = counts[c] === 0 ? 0 : labels.length / (classes * counts[c]);
	}
	if (settings.outOfScopeClass !== undefined) weights[settings.outOfScopeClass] *= Math.sqrt(classes - 1);
	return weights;
}

/** Forward pass scratch space, allocated once per fit. */
class Scratch {
	readonly pooled: Float64Array;
	readonly hidden: Float64Array;
	readonly logits: Float64Array;
	readonly gradLogits: Float64Array;
	readonly gradHidden: Float64Array;
	readonly gradPooled: Float64Array;
	/** Embedding columns with a gradient above the floor, for the current example. */
	readonly active: Int32Array;

	constructor(shape: NetworkShape) {
		this.pooled = new Float64Array(shape.embeddingDim);
		this.hidden = new Float64Array(shape.hiddenDim);
		this.logits = new Float64Array(shape.classes);
		this.gradLogits = new Float64Array(shape.classes);
		this.gradHidden = new Float64Array(shape.hiddenDim || shape.embeddingDim);
		this.gradPooled = new Float64Array(shape.embeddingDim);
		this.active = new Int32Array(shape.embeddingDim);
	}
}

/**
 * `target += Σ weight × embedding row` over example `m`'s features. Four rows per pass: each row is its
 * own stretch of a table far larger than the CPU caches, and reading four side by side keeps four memory
 * fetches in flight where one row at a time waits for each (forward pass ≈ 1.7× faster on BANKING77 and
 * CLINC150). The sum still runs row after row in feature order (`t + a + b + c + d` adds left to
 * right), so the result is the same to the bit.
 */
function addRows(target: Float64Array, embedding: EmbeddingTable, set: EncodedSet, m: number): void {
	const { state, dim } = embedding;
	const { rows, weights } = set;
	const end = set.offsets[m + 1];
	let j = set.offsets[m];
	for (; j + 3 < end; j += 4) {
		const a = embedding.offset(rows[j]);
		const b = embedding.offset(rows[j + 1]);
		const c = embedding.offset(rows[j + 2]);
		const d = embedding.offset(rows[j + 3]);
		const wa = weights[j];
		const wb = weights[j + 1];
		const wc = weights[j + 2];
		const wd = weights[j + 3];
		for (let k = 0; k < dim; k++) {
			target[k] = target[k] + wa * state[a + k] + wb * state[b + k] + wc * state[c + k] + wd * state[d + k];
		}
	}
	for (; j < end; j++) addScaled(target, state, embedding.offset(rows[j]), weights[j], dim);
}

/** Class probabilities of example `m` into `scratch.logits` (logits first, softmax in place). */
function predictInto(parameters: Parameters, shape: NetworkShape, set: EncodedSet, m: number, scratch: Scratch): void {
	const { embeddingDim: dim, hiddenDim, classes } = shape;
	const { pooled, hidden, logits } = scratch;
	const embedding = parameters.embedding;
	const outputBias = parameters.outputBias.values;
	const pooledTarget = parameters.outputWeight ? pooled : logits;
	if (parameters.outputWeight) pooled.fill(0);
	else logits.set(outputBias);
	addRows(pooledTarget, embedding, set, m);
	if (parameters.outputWeight) {
		let input = pooled;
		if (parameters.hiddenWeight && parameters.hiddenBias) {
			const w1 = parameters.hiddenWeight.values;
			hidden.set(parameters.hiddenBias.values);
			for (let k = 0; k < dim; k++) if (pooled[k] !== 0) addScaled(hidden, w1, k * hiddenDim, pooled[k], hiddenDim);
			for (let h = 0; h < hiddenDim; h++) if (hidden[h] < 0) hidden[h] = 0;
			input = hidden;
		}
		const w2 = parameters.outputWeight.values;
		logits.set(outputBias);
		for (let i = 0; i < input.length; i++) if (input[i] !== 0) addScaled(logits, w2, i * classes, input[i], classes);
	}
	let largest = -Infinity;
	for (let c = 0; c < classes; c++) largest = Math.max(largest, logits[c]);
	let sum = 0;
	for (let c = 0; c < classes; c++) {
		logits[c] = Math.exp(logits[c] - largest);
		sum += logits[c];
	}
	for (let c = 0; c < classes; c++) logits[c] /= sum;
}

/** Backpropagates `scratch.gradLogits` for example `m` and applies AdaGrad steps. */
function update(
	parameters: Parameters,
	shape: NetworkShape,
	set: EncodedSet,
	m: number,
	scratch: Scratch,
	rate: number,
	l2: number,
	floor: number,
): void {
	const { embeddingDim: dim, hiddenDim, classes } = shape;
	const { pooled, hidden, gradLogits, gradHidden, gradPooled } = scratch;
	for (let c = 0; c < classes; c++) parameters.outputBias.step(c, gradLogits[c], rate, 0);
	let gradEmbedding = gradLogits;
	if (parameters.outputWeight) {
		const output = parameters.outputWeight;
		const input = parameters.hiddenWeight ? hidden : pooled;
		for (let i = 0; i < input.length; i++) {
			const x = input[i];
			const offset = i * classes;
			let back = 0;
			for (let c = 0; c < classes; c++) {
				back += output.values[offset + c] * gradLogits[c];
				if (x !== 0) output.step(offset + c, x * gradLogits[c], rate, l2);
			}
			gradHidden[i] = back;
		}
		gradEmbedding = gradHidden;
		if (parameters.hiddenWeight && parameters.hiddenBias) {
			const w1 = parameters.hiddenWeight;
			for (let h = 0; h < hiddenDim; h++) {
				if (hidden[h] <= 0) gradHidden[h] = 0;
				else parameters.hiddenBias.step(h, gradHidden[h], rate, 0);
			}
			for (let k = 0; k < dim; k++) {
				const x = pooled[k];
				const offset = k * hiddenDim;
				let back = 0;
				for (let h = 0; h < hiddenDim; h++) {
					const g = gradHidden[h];
					if (g === 0) continue;
					back += w1.values[offset + h] * g;
					w1.step(offset + h, x * g, rate, l2);
				}
				gradPooled[k] = back;
			}
			gradEmbedding = gradPooled;
		}
	}
	// Inlined AdaGrad step (see Parameter.step): this loop and addRows are most of the training time.
	const embedding = parameters.embedding;
	const state = embedding.state;
	const active = scratch.active;
	let activeCount = 0;
	for (let k = 0; k < dim; k++) if (Math.abs(gradEmbedding[k]) > floor) active[activeCount++] = k;
	for (let j = set.offsets[m]; j < set.offsets[m + 1]; j++) {
		const weight = set.weights[j];
		const offset = embedding.offset(set.rows[j]);
		for (let a = 0; a < activeCount; a++) {
			const index = offset + active[a];
			const g = weight * gradEmbedding[active[a]] + l2 * state[index];
			const accumulated = state[index + dim] + g * g;
			state[index + dim] = accumulated;
			state[index] -= (rate * g) / Math.sqrt(accumulated);
		}
	}
}

/** Loss, accuracy and `[n × classes]` probabilities; gold labels < 0 (unknown to training) count as wrong. */
function evaluateSet(parameters: Parameters, shape: NetworkShape, set: EncodedSet, scratch: Scratch) {
	const n = exampleCount(set);
	const probabilities = new Float32Array(n * shape.classes);
	let loss = 0;
	let correct = 0;
	for (let m = 0; m < n; m++) {
		predictInto(parameters, shape, set, m, scratch);
		probabilities.set(scratch.logits, m * shape.classes);
		const label = set.labels[m];
		loss -= Math.log(Math.max(label < 0 ? 0 : scratch.logits[label], 1e-12));
		let best = 0;
		for (let c = 1; c < shape.classes; c++) if (scratch.logits[c] > scratch.logits[best]) best = c;
		if (best === label) correct++;
	}
	return { loss: loss / Math.max(1, n), accuracy: correct / Math.max(1, n), probabilities };
}

/** The trained network; its embedding is written into `embeddingBuffer` when given (a snapshot no longer needed). */
function toNetwork(parameters: Parameters, shape: NetworkShape, rowOfBucket: Int32Array, embeddingBuffer?: Float32Array): ClassifierNetwork {
	const { classes, embeddingDim, hiddenDim } = shape;
	const get = (parameter: Parameter) => parameter.values;
	const layer = (weight: Float32Array, bias: Float32Array, inputs: number, outputs: number): DenseLayer => ({
		weight,
		bias,
		inputs,
		outputs,
	});
	const identity = new Float32Array(classes * classes);
	for (let c = 0; c < classes; c++) identity[c * classes + c] = 1;
	return {
		rowOfBucket,
		embedding: { kind: 'float32', values: parameters.embedding.snapshot(embeddingBuffer) },
		embeddingDim,
		hidden:
			parameters.hiddenWeight && parameters.hiddenBias
				? layer(get(parameters.hiddenWeight), get(parameters.hiddenBias), embeddingDim, hiddenDim)
				: undefined,
		output: parameters.outputWeight
			? layer(get(parameters.outputWeight), get(parameters.outputBias), hiddenDim || embeddingDim, classes)
			: layer(identity, get(parameters.outputBias), classes, classes),
	};
}

/** One pass over `set` in a seeded order; returns the mean training loss. */
function trainEpoch(
	parameters: Parameters,
	shape: NetworkShape,
	set: EncodedSet,
	scratch: Scratch,
	random: Random,
	classWeight: Float32Array,
	rate: number,
	settings: FitSettings,
): number {
	const order = random.shuffle(Int32Array.from({ length: exampleCount(set) }, (_, i) => i));
	const smoothing = settings.labelSmoothing;
	let loss = 0;
	for (const m of order) {
		predictInto(parameters, shape, set, m, scratch);
		const label = set.labels[m];
		const weight = classWeight[label];
		loss -= weight * Math.log(Math.max(scratch.logits[label], 1e-12));
		// Every gradient of a confidently right example is below 1 − p(label): nothing left to learn.
		if (1 - scratch.logits[label] < settings.gradientFloor && smoothing === 0) continue;
		for (let c = 0; c < shape.classes; c++) {
			const target = (c === label ? 1 - smoothing : 0) + smoothing / shape.classes;
			scratch.gradLogits[c] = weight * (scratch.logits[c] - target);
		}
		update(parameters, shape, set, m, scratch, rate, settings.l2, settings.gradientFloor);
	}
	return loss / Math.max(1, order.length);
}

/**
 * Trains the network with per-example AdaGrad steps (sparse: an example touches only its own
 * embedding rows). With a validation set, keeps the parameters of the best epoch (accuracy, then
 * ≥ 2 % lower loss) and stops after `patience` epochs without improvement; without one, runs `maxEpochs`.
 * With `refitSet` (training + validation data), the best parameters then get one more pass
 * over it, so that the validation examples are learned too.
 */
export function fitNetwork(
	train: EncodedSet,
	validation: EncodedSet | undefined,
	shape: NetworkShape,
	rowOfBucket: Int32Array,
	settings: FitSettings,
	options: { refitSet?: EncodedSet; onEpoch?: (report: EpochReport) => void } = {},
): FitResult {
	const random = new Random(settings.seed);
	const parameters = initialize(shape, random);
	if (settings.naiveBayesPrior > 0 && !parameters.outputWeight) {
		parameters.embedding.restore(naiveBayesStart(train, shape, settings.naiveBayesPrior));
	}
	const scratch = new Scratch(shape);
	const classWeight = classWeights(train.labels, shape.classes, settings);
	const all = [
		parameters.embedding,
		parameters.hiddenWeight,
		parameters.hiddenBias,
		parameters.outputWeight,
		parameters.outputBias,
	].filter((parameter) => parameter !== undefined);
	const rateAt = (epoch: number) => settings.learningRate / (1 + settings.learningRateDecay * (epoch - 1));
	const history: EpochReport[] = [];
	let best:
		| { accuracy: number; loss: number; epoch: number; values: Float32Array[]; probabilities: Float32Array }
		| undefined;

	for (let epoch = 1; epoch <= settings.maxEpochs; epoch++) {
		const trainLoss = trainEpoch(parameters, shape, train, scratch, random, classWeight, rateAt(epoch), settings);
		const report: EpochReport = { epoch, trainLoss };
		if (validation && exampleCount(validation) > 0) {
			const { loss, accuracy, probabilities } = evaluateSet(parameters, shape, validation, scratch);
			report.validationLoss = loss;
			report.validationAccuracy = accuracy;
			// At equal accuracy only a clearly lower loss counts, so that a saturated small set stops.
			if (!best || accuracy > best.accuracy || (accuracy === best.accuracy && loss < best.loss * (1 - MIN_LOSS_GAIN))) {
				// Into the buffers of the previous best: a large table is then held twice, not three times.
				best = { accuracy, loss, epoch, values: all.map((p, i) => p.snapshot(best?.values[i])), probabilities };
			}
		}
		history.push(report);
		options.onEpoch?.(report);
		if (best && epoch - best.epoch >= settings.patience) break;
	}
	if (best) all.forEach((parameter, i) => parameter.restore(best.values[i]));
	if (options.refitSet) {
		trainEpoch(parameters, shape, options.refitSet, scratch, random, classWeight, rateAt(best?.epoch ?? history.length), settings);
	}
	return {
		// The embedding is first in `all`: its best values have been restored, so their buffer is free.
		network: toNetwork(parameters, shape, rowOfBucket, best?.values[0]),
		epochs: best?.epoch ?? history.length,
		history,
		validationProbabilities: best?.probabilities,
		validation: best && { accuracy: best.accuracy, loss: best.loss },
	};
}
