import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ElementType, GraphBuilder } from '../../onnx/graphBuilder';

/** Labels of the tiny export (config.json id2label order). */
export const TINY_LABELS = ['order_status', 'refund', 'greeting'] as const;

/** Word-piece vocabulary (index = id), each entry with the label it leans towards (-1: none). */
const VOCABULARY: ReadonlyArray<readonly [string, number]> = [
	['[PAD]', -1],
	['[UNK]', -1],
	['[CLS]', -1],
	['[SEP]', -1],
	['[MASK]', -1],
	['where', 0],
	['is', -1],
	['my', -1],
	['order', 0],
	['package', 0],
	['refund', 1],
	['money', 1],
	['back', 1],
	['hello', 2],
	['hi', 2],
	['thanks', 2],
	['un', -1],
	['##happy', 1],
	['##s', -1],
	['i', -1],
	['want', -1],
	['a', -1],
	[',', -1],
	['!', 2],
	['?', 0],
	['我', -1],
	['的', -1],
	['订', 0],
	['单', 0],
	['在', -1],
	['哪', 0],
	['退', 1],
	['钱', 1],
	['你', 2],
	['好', 2],
];
export const TINY_VOCABULARY: readonly string[] = VOCABULARY.map(([token]) => token);

const DIM = 6;

/** The network's parameters (row-major), for recomputing its logits independently. */
export interface TinyWeights {
	/** [vocabulary × DIM] */
	wordEmbeddings: Float32Array;
	/** [2 × DIM] */
	typeEmbeddings: Float32Array;
	/** [DIM × labels] */
	classifierWeight: Float32Array;
	/** [labels] */
	classifierBias: Float32Array;
	dim: number;
}

/** Deterministic weights: dimensions 0–2 carry each token's label leaning, the rest small noise. */
function tinyWeights(): TinyWeights {
	let state = 12345;
	const noise = () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31 - 0.5;
	};
	const labels = TINY_LABELS.length;
	const wordEmbeddings = new Float32Array(VOCABULARY.length * DIM);
	VOCABULARY.forEach(([, label], id) => {
		for (let d = 0; d < DIM; d++) wordEmbeddings[id * DIM + d] = (d === label ? 5 : 0) + noise();
	});
	const typeEmbeddings = Float32Array.from({ length: 2 * DIM }, () => noise());
	const classifierWeight = new Float32Array(DIM * labels);
	for (let d = 0; d < DIM; d++) {
		for (let c = 0; c < labels; c++) classifierWeight[d * labels + c] = (d === c ? 1 : 0) + noise();
	}
	const classifierBias = Float32Array.from({ length: labels }, () => noise());
	return { wordEmbeddings, typeEmbeddings, classifierWeight, classifierBias, dim: DIM };
}

function tinyOnnx(weights: TinyWeights, withTokenTypes: boolean): Uint8Array {
	const graph = new GraphBuilder('tiny_bert_for_sequence_classification');
	const labels = TINY_LABELS.length;
	const dims = ['batch_size', 'sequence_length'];
	const ids = graph.input('input_ids', ElementType.int64, dims);
	const mask = graph.input('attention_mask', ElementType.int64, dims);
	const words = graph.initializer('word_embeddings', weights.wordEmbeddings, [VOCABULARY.length, DIM]);
	let vectors = graph.node('Gather', [words, ids], ['token_vectors'], { axis: 0 });
	if (withTokenTypes) {
		const typeIds = graph.input('token_type_ids', ElementType.int64, dims);
		const types = graph.initializer('token_type_embeddings', weights.typeEmbeddings, [2, DIM]);
		const typeVectors = graph.node('Gather', [types, typeIds], ['type_vectors'], { axis: 0 });
		vectors = graph.node('Add', [vectors, typeVectors], ['embedded']);
	}
	// Masked mean over the sequence: padding must not count.
	const axis1 = graph.initializer('axis_1', BigInt64Array.from([1n]), [1]);
	const axis2 = graph.initializer('axis_2', BigInt64Array.from([2n]), [1]);
	const maskFloat = graph.node('Cast', [mask], ['mask_float'], { to: ElementType.float });
	const maskColumn = graph.node('Unsqueeze', [maskFloat, axis2], ['mask_column']);
	const masked = graph.node('Mul', [vectors, maskColumn], ['masked']);
	const summed = graph.node('ReduceSum', [masked, axis1], ['summed'], { keepdims: 0 });
	const count = graph.node('ReduceSum', [maskFloat, axis1], ['count'], { keepdims: 1 });
	const pooled = graph.node('Div', [summed, count], ['pooled']);
	const weight = graph.initializer('classifier_weight', weights.classifierWeight, [DIM, labels]);
	const bias = graph.initializer('classifier_bias', weights.classifierBias, [labels]);
	const logits = graph.output('logits', ElementType.float, ['batch_size', labels]);
	graph.node('Gemm', [pooled, weight, bias], [logits]);
	return graph.toBytes({ opset: 17, producerName: 'tiny-sequence-classifier', producerVersion: '1', metadata: {} });
}

/** tokenizer.json of a lower-casing BERT WordPiece tokenizer, as `tokenizers` saves it. */
function tinyTokenizerJson(): object {
	const special = (content: string, id: number) => ({
		id,
		content,
		single_word: false,
		lstrip: false,
		rstrip: false,
		normalized: false,
		special: true,
	});
	const specialToken = (id: string) => ({ id, ids: [TINY_VOCABULARY.indexOf(id)], tokens: [id] });
	return {
		version: '1.0',
		truncation: null,
		padding: null,
		added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((token) => special(token, TINY_VOCABULARY.indexOf(token))),
		normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
		pre_tokenizer: { type: 'BertPreTokenizer' },
		post_processor: {
			type: 'TemplateProcessing',
			single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
			pair: [
				{ SpecialToken: { id: '[CLS]', type_id: 0 } },
				{ Sequence: { id: 'A', type_id: 0 } },
				{ SpecialToken: { id: '[SEP]', type_id: 0 } },
				{ Sequence: { id: 'B', type_id: 1 } },
				{ SpecialToken: { id: '[SEP]', type_id: 1 } },
			],
			special_tokens: { '[CLS]': specialToken('[CLS]'), '[SEP]': specialToken('[SEP]') },
		},
		decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
		model: {
			type: 'WordPiece',
			unk_token: '[UNK]',
			continuing_subword_prefix: '##',
			max_input_chars_per_word: 100,
			vocab: Object.fromEntries(TINY_VOCABULARY.map((token, id) => [token, id])),
		},
	};
}

export interface TinyExportOptions {
	/** Whether the graph takes token_type_ids, as BERT does (DistilBERT does not). Default true. */
	tokenTypeIds?: boolean;
}

/**
 * Writes a tiny stand-in for a Hugging Face BERT sequence-classification export (what
 * `optimum-cli export onnx --task text-classification` writes) into `folder`, for tests: the same
 * files (model.onnx, tokenizer.json, config.json, tokenizer_config.json with model_max_length 64),
 * inputs, output and tokenizer kind, with a few hundred weights. Its network is a masked mean of
 * token (+ token type) embeddings and a linear layer, so its logits can be recomputed by hand from
 * the returned weights.
 */
export async function writeTinySequenceClassifier(folder: string, options: TinyExportOptions = {}): Promise<TinyWeights> {
	const weights = tinyWeights();
	const json = (value: object) => JSON.stringify(value, null, 2);
	await mkdir(folder, { recursive: true });
	await writeFile(join(folder, 'model.onnx'), tinyOnnx(weights, options.tokenTypeIds ?? true));
	await writeFile(join(folder, 'tokenizer.json'), json(tinyTokenizerJson()));
	await writeFile(
		join(folder, 'config.json'),
		json({
			architectures: ['BertForSequenceClassification'],
			model_type: 'bert',
			hidden_size: DIM,
			max_position_embeddings: 128,
			id2label: Object.fromEntries(TINY_LABELS.map((label, id) => [String(id), label])),
			label2id: Object.fromEntries(TINY_LABELS.map((label, id) => [label, id])),
		}),
	);
	await writeFile(
		join(folder, 'tokenizer_config.json'),
		json({
			tokenizer_class: 'BertTokenizer',
			do_lower_case: true,
			model_max_length: 64,
			cls_token: '[CLS]',
			sep_token: '[SEP]',
			pad_token: '[PAD]',
			unk_token: '[UNK]',
			mask_token: '[MASK]',
		}),
	);
	return weights;
}
