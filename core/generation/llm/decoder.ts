import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { setImmediate as nextTurn } from 'node:timers/promises';

import type { PickNext } from './sampler';
import { ModelFolderError, type DecoderConfig } from './modelFolder';

/** How a decoder-only ONNX export takes its KV cache (optimum's `text-generation-with-past` layout). */
export interface DecoderLayout {
	layers: number;
	kvHeads: number;
	headDim: number;
	kvType: 'float32' | 'float16';
	hasAttentionMask: boolean;
	hasPositionIds: boolean;
	/** Merged decoders (with and without past in one graph) take a flag saying which branch to run. */
	hasUseCacheBranch: boolean;
	/** Longest sequence the model takes (config.json), if stated. */
	maxPositions?: number;
}

const PAST = /^past_key_values\.(\d+)\.(key|value)$/;
const FED_INPUTS = new Set(['input_ids', 'attention_mask', 'position_ids', 'use_cache_branch']);

/**
 * Reads the cache layout from the session's inputs and outputs (`past_key_values.N.key/value` in,
 * `logits` and `present.N.key/value` out), with head counts from the input shapes or config.json.
 */
export function describeDecoder(session: InferenceSession, config: DecoderConfig): DecoderLayout {
	const inputs = new Set(session.inputNames);
	const outputs = new Set(session.outputNames);
	const unknown = session.inputNames.filter((name) => !FED_INPUTS.has(name) && !PAST.test(name));
	if (unknown.length > 0) {
		throw new ModelFolderError(
			`model.onnx has inputs this decoder cannot feed: ${unknown.join(', ')} (expected input_ids, attention_mask, position_ids, past_key_values.N.key/value)`,
		);
	}
	if (!inputs.has('input_ids') || !outputs.has('logits')) {
		throw new ModelFolderError('model.onnx is not a causal language model: it needs an input_ids input and a logits output');
	}
	const layers = session.inputNames.filter((name) => name.endsWith('.key') && PAST.test(name)).length;
	if (layers === 0) {
		throw new ModelFolderError(
			'model.onnx has no past_key_values inputs: export it with --task text-generation-with-past so it can decode with a KV cache',
		);
	}
	for (let layer = 0; layer < layers; layer++) {
		for (const part of ['key', 'value']) {
			if (!inputs.has(`past_key_values.${layer}.${part}`) || !outputs.has(`present.${layer}.${part}`)) {
				throw new ModelFolderError(`model.onnx lacks past_key_values.${layer}.${part} or present.${layer}.${part}`);
			}
		}
	}
	const pastIndex = session.inputNames.indexOf('past_key_values.0.key');
	const meta = session.inputMetadata[pastIndex];
	const shape = meta?.isTensor ? meta.shape : [];
	const fromShape = (index: number) => (typeof shape[index] === 'number' && (shape[index] as number) > 0 ? (shape[index] as number) : undefined);
	const attentionHeads = config.num_attention_heads;
	const kvHeads = fromShape(1) ?? config.num_key_value_heads ?? attentionHeads;
	const headDim =
		fromShape(3) ?? config.head_dim ?? (config.hidden_size && attentionHeads ? config.hidden_size / attentionHeads : undefined);
	if (kvHeads === undefined || headDim === undefined) {
		throw new ModelFolderError(
			'config.json must give num_key_value_heads (or num_attention_heads) and head_dim (or hidden_size) for the KV cache',
		);
	}
	const kvType = meta?.isTensor && meta.type === 'float16' ? 'float16' : 'float32';
	return {
		layers,
		kvHeads,
		headDim,
		kvType,
		hasAttentionMask: inputs.has('attention_mask'),
		hasPositionIds: inputs.has('position_ids'),
		hasUseCacheBranch: inputs.has('use_cache_branch'),
		maxPositions: config.max_position_embeddings,
	};
}

export interface DecodeOptions {
	maxNewTokens: number;
	/** Tokens that end the reply (not part of it). */
	stopTokenIds: ReadonlySet<number>;
	pickNext: PickNext;
	/** Checked after every token, e.g. for stop strings in the decoded text. */
	shouldStop?: (generated: readonly number[]) => boolean;
	/** `performance.now()` after which decoding stops with what it has. */
	deadline?: number;
}

export type FinishReason = 'stop' | 'length' | 'time';

export interface DecodeResult {
	tokens: number[];
	finishReason: FinishReason;
	/** Prompt processing and the first token. */
	firstTokenMs: number;
	totalMs: number;
}

const int64 = (values: number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(values, BigInt), dims);

/**
 * Autoregressive decoding with a KV cache: the prompt runs once, then each step feeds only the newest
 * token and the cache the previous step returned (`present.N.*` → `past_key_values.N.*`). Every step
 * awaits the session (ONNX Runtime computes off the event loop) and yields a turn, so a long reply
 * never blocks n8n.
 */
export async function decode(
	session: InferenceSession,
	layout: DecoderLayout,
	promptIds: readonly number[],
	options: DecodeOptions,
): Promise<DecodeResult> {
	const started = performance.now();
	const sequence = [...promptIds];
	const tokens: number[] = [];
	let past = emptyCache(layout);
	let fresh = [...promptIds];
	let pastLength = 0;
	let firstTokenMs = 0;
	let finishReason: FinishReason = 'length';
	for (let step = 0; step < options.maxNewTokens; step++) {
		const feeds: Record<string, Tensor> = { input_ids: int64(fresh, [1, fresh.length]), ...past };
		const total = pastLength + fresh.length;
		if (layout.hasAttentionMask) feeds.attention_mask = int64(new Array<number>(total).fill(1), [1, total]);
		if (layout.hasPositionIds) feeds.position_ids = int64(fresh.map((_token, i) => pastLength + i), [1, fresh.length]);
		if (layout.hasUseCacheBranch) feeds.use_cache_branch = new Tensor('bool', [pastLength > 0], [1]);
		const outputs = await session.run(feeds);
		const next = options.pickNext(lastLogits(outputs.logits as Tensor), sequence);
		if (step === 0) firstTokenMs = performance.now() - started;
		past = {};
		for (let layer = 0; layer < layout.layers; layer++) {
			past[`past_key_values.${layer}.key`] = outputs[`present.${layer}.key`] as Tensor;
			past[`past_key_values.${layer}.value`] = outputs[`present.${layer}.value`] as Tensor;
		}
		pastLength = total;
		if (options.stopTokenIds.has(next)) {
			finishReason = 'stop';
			break;
		}
		tokens.push(next);
		sequence.push(next);
		if (options.shouldStop?.(tokens)) {
			finishReason = 'stop';
			break;
		}
		if (options.deadline !== undefined && performance.now() > options.deadline) {
			finishReason = 'time';
			break;
		}
		fresh = [next];
		await nextTurn();
	}
	return { tokens, finishReason, firstTokenMs, totalMs: performance.now() - started };
}

function emptyCache(layout: DecoderLayout): Record<string, Tensor> {
	const dims = [1, layout.kvHeads, 0, layout.headDim];
	const cache: Record<string, Tensor> = {};
	for (let layer = 0; layer < layout.layers; layer++) {
		for (const part of ['key', 'value']) {
			cache[`past_key_values.${layer}.${part}`] =
				layout.kvType === 'float16' ? new Tensor('float16', new Uint16Array(0), dims) : new Tensor('float32', new Float32Array(0), dims);
		}
	}
	return cache;
}

/** The logits of the last position, as float32 (`[batch, sequence, vocabulary]`). */
export function lastLogits(logits: Tensor): Float32Array {
	const vocabulary = logits.dims[logits.dims.length - 1];
	const data = logits.data as Float32Array | Uint16Array;
	const row = data.subarray(data.length - vocabulary);
	if (logits.type === 'float32') return row as Float32Array;
	if (logits.type !== 'float16') throw new ModelFolderError(`model.onnx returns ${logits.type} logits; float32 or float16 expected`);
	// Float16Array where the runtime has it, raw half-precision bits otherwise.
	return row instanceof Uint16Array ? Float32Array.from(row, halfToFloat) : Float32Array.from(row as ArrayLike<number>);
}

function halfToFloat(bits: number): number {
	const sign = bits & 0x8000 ? -1 : 1;
	const exponent = (bits >> 10) & 0x1f;
	const fraction = bits & 0x3ff;
	if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
	if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
	return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
