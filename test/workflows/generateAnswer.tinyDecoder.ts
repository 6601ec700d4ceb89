/**
 * A tiny decoder-only language model folder with the layout optimum exports (model.onnx with
 * past_key_values.N.key/value inputs and logits + present.N.key/value outputs, tokenizer.json,
 * tokenizer_config.json with a ChatML chat template, config.json, generation_config.json), built here
 * because no model can be downloaded in tests. The network is real (token + position embeddings, causal
 * grouped-query attention over the cache, an MLP, a language-model head) with seeded random weights, so
 * the decoder loop can be proven exact against decoding without a cache.
 */
import { onnx } from 'onnx-proto';
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ElementType, GraphBuilder, type AttributeValue } from '../../core/onnx/graphBuilder';
import { Random } from '../../core/training/random';

export interface TinyDecoderShape {
	layers: number;
	heads: number;
	kvHeads: number;
	headDim: number;
	hidden: number;
	mlp: number;
	maxPositions: number;
	seed: number;
}

export const TINY_SHAPE: TinyDecoderShape = { layers: 2, heads: 2, kvHeads: 1, headDim: 8, hidden: 16, mlp: 32, maxPositions: 4096, seed: 7 };

export const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;
const MERGES = ['Ġ t', 'h e', 'Ġt he', 'i n', 'e r', 'o n', 'a n'];

export const CHATML_TEMPLATE =
	"{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** GPT-2's byte → printable character map that byte-level BPE vocabularies are written in. */
function byteCharacters(): string[] {
	const printable = [
		...Array.from({ length: 0x7e - 0x21 + 1 }, (_v, i) => 0x21 + i),
		...Array.from({ length: 0xac - 0xa1 + 1 }, (_v, i) => 0xa1 + i),
		...Array.from({ length: 0xff - 0xae + 1 }, (_v, i) => 0xae + i),
	];
	const chars: string[] = new Array(256);
	let extra = 0;
	for (let byte = 0; byte < 256; byte++) {
		chars[byte] = String.fromCodePoint(printable.includes(byte) ? byte : 256 + extra++);
	}
	return chars;
}

/** A byte-level BPE tokenizer (as Qwen, GPT-2, Llama 3 use): every byte is a token, plus a few merges. */
export function tinyTokenizerJson(): { json: object; vocabSize: number; ids: Record<(typeof SPECIAL_TOKENS)[number], number> } {
	const vocab: Record<string, number> = {};
	byteCharacters().forEach((char, id) => (vocab[char] = id));
	for (const merge of MERGES) vocab[merge.replace(' ', '')] = Object.keys(vocab).length;
	const firstSpecial = Object.keys(vocab).length;
	const ids = Object.fromEntries(SPECIAL_TOKENS.map((token, i) => [token, firstSpecial + i])) as Record<(typeof SPECIAL_TOKENS)[number], number>;
	const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
	const json = {
		version: '1.0',
		truncation: null,
		padding: null,
		added_tokens: SPECIAL_TOKENS.map((content) => ({
			id: ids[content],
			content,
			single_word: false,
			lstrip: false,
			rstrip: false,
			normalized: false,
			special: true,
		})),
		normalizer: null,
		pre_tokenizer: byteLevel,
		post_processor: byteLevel,
		decoder: byteLevel,
		model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges: MERGES },
	};
	return { json, vocabSize: firstSpecial + SPECIAL_TOKENS.length, ids };
}

/** The decoder graph (opset 17) with seeded random weights, written with the text engine's GraphBuilder. */
export function tinyDecoderOnnx(shape: TinyDecoderShape, vocabSize: number): Uint8Array {
	const random = new Random(shape.seed);
	const graph = new GraphBuilder('tiny_decoder');
	let counter = 0;
	const op = (opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, output = `t${counter++}`) =>
		graph.node(opType, inputs, [output], attributes);
	const scalar = (name: string, value: number) => graph.initializer(name, Float32Array.of(value), []);
	const int64s = (name: string, dims: number[], values: number[]) => graph.initializer(name, BigInt64Array.from(values, BigInt), dims);
	const weight = (name: string, rows: number, columns: number, gain = 1) =>
		graph.initializer(name, Float32Array.from({ length: rows * columns }, () => random.uniform(gain / Math.sqrt(rows))), [rows, columns]);
	const { hidden, heads, kvHeads, headDim, layers } = shape;

	graph.input('input_ids', ElementType.int64, ['batch', 'sequence']);
	graph.input('attention_mask', ElementType.int64, ['batch', 'total_sequence']);
	graph.input('position_ids', ElementType.int64, ['batch', 'sequence']);
	for (let layer = 0; layer < layers; layer++) {
		for (const part of ['key', 'value']) {
			graph.input(`past_key_values.${layer}.${part}`, ElementType.float, ['batch', kvHeads, 'past_sequence', headDim]);
		}
	}

	// Which keys each query may see: causal by position, and only where attention_mask is 1.
	const one = int64s('one', [], [1]);
	const total = op('Gather', [op('Shape', ['attention_mask']), one], { axis: 0 });
	const keyPositions = op('Reshape', [op('Range', [int64s('zero', [], [0]), total, one]), int64s('key_shape', [4], [1, 1, 1, -1])]);
	const queryPositions = op('Unsqueeze', ['position_ids', int64s('query_axes', [2], [1, 3])]);
	const causal = op('LessOrEqual', [keyPositions, queryPositions]);
	const masked = op('Cast', [op('Unsqueeze', ['attention_mask', int64s('mask_axes', [2], [1, 2])])], { to: onnx.TensorProto.DataType.BOOL });
	const allowed = op('And', [causal, masked]);
	const blocked = scalar('blocked', -1e9);
	const scale = scalar('scale', 1 / Math.sqrt(headDim));
	const splitHeads = (x: string, count: number, name: string) =>
		op('Transpose', [op('Reshape', [x, int64s(`${name}_heads`, [4], [0, 0, count, headDim])])], { perm: [0, 2, 1, 3] });

	let h = op('Add', [
		op('Gather', [weight('token_embedding', vocabSize, hidden, Math.sqrt(vocabSize)), 'input_ids']),
		op('Gather', [weight('position_embedding', shape.maxPositions, hidden, Math.sqrt(shape.maxPositions) * 0.3), 'position_ids']),
	]);
	for (let layer = 0; layer < layers; layer++) {
		const q = splitHeads(op('MatMul', [h, weight(`l${layer}_q`, hidden, heads * headDim)]), heads, `l${layer}_q`);
		const k = splitHeads(op('MatMul', [h, weight(`l${layer}_k`, hidden, kvHeads * headDim)]), kvHeads, `l${layer}_k`);
		const v = splitHeads(op('MatMul', [h, weight(`l${layer}_v`, hidden, kvHeads * headDim)]), kvHeads, `l${layer}_v`);
		const keys = op('Concat', [`past_key_values.${layer}.key`, k], { axis: 2 }, `present.${layer}.key`);
		const values = op('Concat', [`past_key_values.${layer}.value`, v], { axis: 2 }, `present.${layer}.value`);
		// kvHeads = 1 broadcasts over the query heads (grouped-query attention).
		const scores = op('Mul', [op('MatMul', [q, op('Transpose', [keys], { perm: [0, 1, 3, 2] })]), scale]);
		const weights = op('Softmax', [op('Where', [allowed, scores, blocked])], { axis: -1 });
		const context = op('Transpose', [op('MatMul', [weights, values])], { perm: [0, 2, 1, 3] });
		const merged = op('Reshape', [context, int64s(`l${layer}_merge`, [3], [0, 0, heads * headDim])]);
		h = op('Add', [h, op('MatMul', [merged, weight(`l${layer}_o`, heads * headDim, hidden)])]);
		const mlp = op('MatMul', [op('Tanh', [op('MatMul', [h, weight(`l${layer}_up`, hidden, shape.mlp)])]), weight(`l${layer}_down`, shape.mlp, hidden)]);
		h = op('Add', [h, mlp]);
	}
	op('MatMul', [h, weight('lm_head', hidden, vocabSize, 4)], {}, 'logits');

	graph.output('logits', ElementType.float, ['batch', 'sequence', vocabSize]);
	for (let layer = 0; layer < layers; layer++) {
		for (const part of ['key', 'value']) {
			graph.output(`present.${layer}.${part}`, ElementType.float, ['batch', kvHeads, 'total_sequence', headDim]);
		}
	}
	return graph.toBytes({ opset: 17, producerName: 'tiny-decoder-test', producerVersion: '1', metadata: {} });
}

export interface TinyModelFolder {
	folder: string;
	vocabSize: number;
	ids: Record<(typeof SPECIAL_TOKENS)[number], number>;
}

/** Writes the model folder; `chatTemplate: false` leaves the template out (plain "Role: text" prompts). */
export async function writeTinyModelFolder(folder: string, options: { chatTemplate?: boolean } = {}): Promise<TinyModelFolder> {
	const shape = TINY_SHAPE;
	const tokenizer = tinyTokenizerJson();
	await mkdir(folder, { recursive: true });
	const json = (name: string, value: object) => writeFile(path.join(folder, name), JSON.stringify(value, null, 1));
	await Promise.all([
		writeFile(path.join(folder, 'model.onnx'), tinyDecoderOnnx(shape, tokenizer.vocabSize)),
		json('tokenizer.json', tokenizer.json),
		json('tokenizer_config.json', {
			bos_token: null,
			eos_token: '<|im_end|>',
			pad_token: '<|endoftext|>',
			...(options.chatTemplate !== false && { chat_template: CHATML_TEMPLATE }),
		}),
		json('config.json', {
			_name_or_path: 'tiny-decoder-test',
			model_type: 'tiny_decoder',
			num_hidden_layers: shape.layers,
			num_attention_heads: shape.heads,
			num_key_value_heads: shape.kvHeads,
			head_dim: shape.headDim,
			hidden_size: shape.hidden,
			max_position_embeddings: shape.maxPositions,
			vocab_size: tokenizer.vocabSize,
			eos_token_id: tokenizer.ids['<|endoftext|>'],
		}),
		json('generation_config.json', { eos_token_id: [tokenizer.ids['<|im_end|>'], tokenizer.ids['<|endoftext|>']] }),
	]);
	return { folder, vocabSize: tokenizer.vocabSize, ids: tokenizer.ids };
}

/**
 * The reference the KV-cache loop is proven against: greedy decoding that runs the whole sequence from
 * scratch every step (empty cache in, the cache out ignored). Returns each step's last-position logits.
 */
export async function greedyWithoutCache(
	session: InferenceSession,
	promptIds: readonly number[],
	steps: number,
	stopTokenIds: ReadonlySet<number> = new Set(),
	shape: TinyDecoderShape = TINY_SHAPE,
): Promise<{ tokens: number[]; logits: Float32Array[] }> {
	const sequence = [...promptIds];
	const tokens: number[] = [];
	const logits: Float32Array[] = [];
	const ids = (values: number[]) => new Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
	for (let step = 0; step < steps; step++) {
		const feeds: Record<string, Tensor> = {
			input_ids: ids(sequence),
			attention_mask: ids(sequence.map(() => 1)),
			position_ids: ids(sequence.map((_token, i) => i)),
		};
		for (let layer = 0; layer < shape.layers; layer++) {
			for (const part of ['key', 'value']) {
				feeds[`past_key_values.${layer}.${part}`] = new Tensor('float32', new Float32Array(0), [1, shape.kvHeads, 0, shape.headDim]);
			}
		}
		const output = (await session.run(feeds)).logits;
		const vocabulary = output.dims[2];
		const last = (output.data as Float32Array).slice((sequence.length - 1) * vocabulary);
		let best = 0;
		for (let i = 1; i < last.length; i++) if (last[i] > last[best]) best = i;
		logits.push(last);
		if (stopTokenIds.has(best)) break;
		tokens.push(best);
		sequence.push(best);
	}
	return { tokens, logits };
}
