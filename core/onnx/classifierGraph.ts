import { classCount, embeddingRows, type ClassifierNetwork } from '../model/network';
import { ElementType, GraphBuilder } from './graphBuilder';

/** Opset of the written graphs (all operators used exist unchanged from opset 13 to 21). */
export const CLASSIFIER_OPSET = 17;
export const CLASSIFIER_INPUTS = { ids: 'ids', weights: 'weights' } as const;
export const CLASSIFIER_OUTPUT = 'probabilities';

const UINT16_MAX = 65_535;

/**
 * Serializes a classifier network as an ONNX model:
 *
 *   ids int64 [batch, length] ─ Gather(row_of_bucket) ─ Gather(embedding) ─┐
 *   weights float [batch, length] ──────────────────────── MatMul (weighted sum) ─ [Gemm ─ Relu]
 *   ─ Gemm ─ Softmax → probabilities float [batch, classes]
 *
 * int8 embeddings are gathered as int8, cast, and scaled per row by folding the row scales into the
 * weights (one multiply on [batch, length] instead of dequantizing the whole table per run).
 * `metadata` lands in the model's metadata_props.
 */
export function writeClassifierOnnx(
	network: ClassifierNetwork,
	metadata: Record<string, string>,
	producerVersion: string,
): Uint8Array {
	const graph = new GraphBuilder('support_ai_text_classifier');
	const dim = network.embeddingDim;
	const rows = embeddingRows(network);
	const classes = classCount(network);
	const ids = graph.input(CLASSIFIER_INPUTS.ids, ElementType.int64, ['batch', 'length']);
	const weights = graph.input(CLASSIFIER_INPUTS.weights, ElementType.float, ['batch', 'length']);

	// Unseen buckets map to row 0, whose embedding is zero. Small vocabularies fit uint16 (half the size).
	const compactMap = rows <= UINT16_MAX;
	const rowOfBucket = graph.initializer(
		'row_of_bucket',
		compactMap ? Uint16Array.from(network.rowOfBucket) : network.rowOfBucket,
		[network.rowOfBucket.length],
	);
	let rowIds = graph.node('Gather', [rowOfBucket, ids], ['row_ids'], { axis: 0 });
	if (compactMap) rowIds = graph.node('Cast', [rowIds], ['row_ids_int32'], { to: ElementType.int32 });

	let vectors: string;
	let rowWeights = weights;
	if (network.embedding.kind === 'float32') {
		const table = graph.initializer('embedding', network.embedding.values, [rows, dim]);
		vectors = graph.node('Gather', [table, rowIds], ['vectors'], { axis: 0 });
	} else {
		const table = graph.initializer('embedding_int8', network.embedding.values, [rows, dim]);
		const scales = graph.initializer('embedding_scale', network.embedding.scales, [rows]);
		const quantized = graph.node('Gather', [table, rowIds], ['vectors_int8'], { axis: 0 });
		vectors = graph.node('Cast', [quantized], ['vectors'], { to: ElementType.float });
		const rowScales = graph.node('Gather', [scales, rowIds], ['row_scales'], { axis: 0 });
		rowWeights = graph.node('Mul', [weights, rowScales], ['scaled_weights']);
	}
	// [batch, 1, length] × [batch, length, dim] → [batch, 1, dim] → [batch, dim]
	const one = graph.initializer('axis_1', BigInt64Array.from([1n]), [1]);
	const weightRows = graph.node('Unsqueeze', [rowWeights, one], ['weight_rows']);
	const summed = graph.node('MatMul', [weightRows, vectors], ['summed']);
	let features = graph.node('Squeeze', [summed, one], ['pooled']);

	if (network.hidden) {
		const { weight, bias, inputs, outputs } = network.hidden;
		const w = graph.initializer('hidden_weight', weight, [inputs, outputs]);
		const b = graph.initializer('hidden_bias', bias, [outputs]);
		const linear = graph.node('Gemm', [features, w, b], ['hidden_linear']);
		features = graph.node('Relu', [linear], ['hidden']);
	}
	const { weight, bias, inputs } = network.output;
	const w = graph.initializer('output_weight', weight, [inputs, classes]);
	const b = graph.initializer('output_bias', bias, [classes]);
	const logits = graph.node('Gemm', [features, w, b], ['logits']);
	const probabilities = graph.output(CLASSIFIER_OUTPUT, ElementType.float, ['batch', classes]);
	graph.node('Softmax', [logits], [probabilities], { axis: -1 });

	return graph.toBytes({ opset: CLASSIFIER_OPSET, producerName: 'n8n-nodes-support-ai', producerVersion, metadata });
}
