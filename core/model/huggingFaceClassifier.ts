import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import { Tokenizer } from '@huggingface/tokenizers';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

import { attempt } from '../generation/attempt';
import { languageOfWords, type Language } from '../text/language';
import { decide, type Thresholds } from './decision';
import { DEFAULT_OOS_LABEL } from './manifest';
import { createSession, loadOnnxRuntime } from './sessions';
import { emptyTextPrediction, ModelLoadError, type ClassifierOptions, type Prediction, type PredictOptions } from './textClassifier';

/** The files of a sequence-classification export (`optimum-cli export onnx --task text-classification`). */
export const HUGGING_FACE_FILES = {
	model: 'model.onnx',
	tokenizer: 'tokenizer.json',
	config: 'config.json',
	/** Optional: `model_max_length`, special tokens, tokenizer flags. */
	tokenizerConfig: 'tokenizer_config.json',
} as const;
const REQUIRED_FILES = [HUGGING_FACE_FILES.model, HUGGING_FACE_FILES.tokenizer, HUGGING_FACE_FILES.config];
const EXPORT_HINT = 'export the model with `optimum-cli export onnx --model <model> --task text-classification <folder>`';

/** Graph names of an optimum export. */
const INPUTS = { ids: 'input_ids', mask: 'attention_mask', types: 'token_type_ids' } as const;
const OUTPUT = 'logits';

/** Longest input used when neither the option nor a smaller model limit says otherwise. */
const DEFAULT_MAX_LENGTH = 512;
/** Padded tokens per ONNX run (rows × longest row): attention memory grows with it. */
const MAX_TOKENS_PER_RUN = 8192;
const DEFAULT_BATCH_SIZE = 32;
/** model_max_length at or above this is transformers' "no limit" placeholder (int(1e30)). */
const NO_LIMIT = 1e6;
/** Labels that name an export's out-of-scope class (any case): CLINC150's `oos`, and the one our models use. */
const OUT_OF_SCOPE_LABELS = new Set(['oos', DEFAULT_OOS_LABEL]);

export interface HuggingFaceClassifierOptions extends ClassifierOptions {
	/** Tokens per message, special tokens included; longer messages are cut (default min(512, the model's limit)). */
	maxLength?: number;
}

interface ModelConfig {
	id2label?: unknown;
	max_position_embeddings?: unknown;
}

/** What the tokenizer files give, shared by every load of the same unchanged files. */
interface PreparedTokenizer {
	tokenizer: Tokenizer;
	/** Tokens the post-processor adds around a message ([CLS] … [SEP]: 2). */
	specialTokens: number;
	padId: number;
	unkId: number;
	/** tokenizer_config.json's model_max_length, when it sets a real limit. */
	modelMaxLength?: number;
}

interface EncodedText {
	index: number;
	ids: number[];
	typeIds: number[];
	language: Language;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const firstLine = (error: Error) => String(error.message).split('\n')[0];

async function readJsonObject(folder: string, name: string): Promise<Record<string, unknown>> {
	const path = join(folder, name);
	const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
		throw new ModelLoadError(`${name} in model folder "${folder}" cannot be read (${error.message.replace(/^E[A-Z]+: /, '')})`, path);
	});
	const parsed = attempt(() => JSON.parse(text) as unknown);
	if ('error' in parsed) throw new ModelLoadError(`${name} in model folder "${folder}" is not valid JSON (${firstLine(parsed.error)})`, path);
	if (!isRecord(parsed.value)) throw new ModelLoadError(`${name} in model folder "${folder}" is not a JSON object`, path);
	return parsed.value;
}

/** Labels in output order from config.json's id2label ({"0": "negative", "1": "positive"}). */
function labelsOf(config: ModelConfig, folder: string): string[] {
	const path = join(folder, HUGGING_FACE_FILES.config);
	const fail = (why: string): never => {
		throw new ModelLoadError(`config.json in model folder "${folder}" ${why}: ${EXPORT_HINT}`, path);
	};
	const id2label = config.id2label;
	if (!isRecord(id2label)) return fail('has no "id2label" (the class names of a sequence-classification model)');
	const labels: string[] = [];
	for (const [id, label] of Object.entries(id2label)) {
		const index = Number(id);
		if (!Number.isInteger(index) || index < 0 || typeof label !== 'string') {
			fail(`has an invalid "id2label" entry ${JSON.stringify(id)}: ${JSON.stringify(label)}`);
		}
		labels[index] = label as string;
	}
	if (labels.length < 2) fail('has fewer than 2 labels in "id2label" (a single output is a regression head, not a classifier)');
	const gap = Array.from(labels.keys()).find((index) => labels[index] === undefined);
	if (gap !== undefined) fail(`has no label for id ${gap} in "id2label"`);
	return labels;
}

/** Tokenizers by tokenizer.json path; rebuilt when it or tokenizer_config.json changes. */
const tokenizers = new Map<string, { version: string; tokenizer: Promise<PreparedTokenizer> }>();

async function cachedTokenizer(folder: string): Promise<PreparedTokenizer> {
	const tokenizerPath = join(folder, HUGGING_FACE_FILES.tokenizer);
	const [json, config] = await Promise.all(
		[tokenizerPath, join(folder, HUGGING_FACE_FILES.tokenizerConfig)].map((path) => stat(path).catch(() => undefined)),
	);
	const version = [json, config].map((info) => (info ? `${info.mtimeMs}:${info.size}` : 'absent')).join('|');
	const cached = tokenizers.get(tokenizerPath);
	if (cached?.version === version) return await cached.tokenizer;
	const tokenizer = prepareTokenizer(folder, config !== undefined);
	tokenizers.set(tokenizerPath, { version, tokenizer });
	tokenizer.catch(() => tokenizers.delete(tokenizerPath));
	return await tokenizer;
}

async function prepareTokenizer(folder: string, hasConfig: boolean): Promise<PreparedTokenizer> {
	const [json, config] = await Promise.all([
		readJsonObject(folder, HUGGING_FACE_FILES.tokenizer),
		hasConfig ? readJsonObject(folder, HUGGING_FACE_FILES.tokenizerConfig) : ({} as Record<string, unknown>),
	]);
	const created = attempt(() => new Tokenizer(json, config));
	if ('error' in created) {
		throw new ModelLoadError(
			`tokenizer.json in model folder "${folder}" cannot be used (${firstLine(created.error)})`,
			join(folder, HUGGING_FACE_FILES.tokenizer),
		);
	}
	const tokenizer = created.value;
	const idOf = (token: unknown) => {
		const content = isRecord(token) ? token.content : token;
		return typeof content === 'string' ? tokenizer.token_to_id(content) : undefined;
	};
	const padding = isRecord(json.padding) && typeof json.padding.pad_id === 'number' ? json.padding.pad_id : undefined;
	const maxLength = config.model_max_length;
	return {
		tokenizer,
		specialTokens: tokenizer.post_processor ? tokenizer.post_processor([], null, true).tokens.length : 0,
		padId: padding ?? idOf(config.pad_token) ?? 0,
		unkId: tokenizer.model?.unk_token_id ?? idOf(config.unk_token) ?? 0,
		...(typeof maxLength === 'number' && maxLength > 0 && maxLength < NO_LIMIT ? { modelMaxLength: maxLength } : {}),
	};
}

/** Text tried first per token wanted; grows ×4 while a cut text gives too few tokens. */
const CHARS_PER_TOKEN_GUESS = 8;
/** Tokens beyond the limit required of a cut text: the last ones may come from a word the cut split. */
const CUT_SLACK = 8;
const WORD_END = /[\s\p{Script=Han}]/u;

/**
 * The first `chars` characters of `text`, ending after the last whitespace or Han character of the
 * second half when there is one (a word boundary for BERT-style tokenizers) and never inside a
 * surrogate pair.
 */
function cutText(text: string, chars: number): string {
	for (let end = chars; end > chars / 2; end--) if (WORD_END.test(text[end - 1])) return text.slice(0, end);
	const end = /[\uD800-\uDBFF]/.test(text[chars - 1]) ? chars - 1 : chars;
	return text.slice(0, end);
}

/**
 * A sequence-classification model exported from Hugging Face transformers to ONNX (e.g. a fine-tuned
 * BERT): `model.onnx` (inputs input_ids, attention_mask, optionally token_type_ids, int64; output
 * logits [batch, labels]), `tokenizer.json`, `config.json` (id2label) and optionally
 * `tokenizer_config.json`. Messages are tokenized with the export's own tokenizer, cut to `maxLength`
 * tokens, padded to the longest of their batch and classified one ONNX run per batch. A label named as
 * in {@link OUT_OF_SCOPE_LABELS} is the out-of-scope class, as a trained model's `oosLabel` is.
 */
export class HuggingFaceClassifier {
	/** The label out-of-scope predictions get: the export's out-of-scope label, or `out_of_scope`. */
	readonly oosLabel: string;
	private readonly oosClass: number | undefined;

	private constructor(
		/** Absolute path of the model folder. */
		readonly folder: string,
		/** Class labels in the order of the model's output. */
		readonly labels: string[],
		/** The folder's name. */
		readonly name: string,
		/** When model.onnx was last written (ISO 8601): changes with every new export. */
		readonly version: string,
		/** Tokens per message, special tokens included. */
		readonly maxLength: number,
		private readonly prepared: PreparedTokenizer,
		private readonly session: InferenceSession,
	) {
		const index = labels.findIndex((label) => OUT_OF_SCOPE_LABELS.has(label.toLowerCase()));
		this.oosClass = index < 0 ? undefined : index;
		this.oosLabel = index < 0 ? DEFAULT_OOS_LABEL : labels[index];
	}

	/**
	 * Reads the export in `dir`. Tokenizers and ONNX sessions are shared per process and file version:
	 * loading an unchanged folder again is cheap, a re-exported one is reloaded.
	 */
	static async load(dir: string, options: HuggingFaceClassifierOptions = {}): Promise<HuggingFaceClassifier> {
		const folder = resolve(dir);
		const folderStat = await stat(folder).catch(() => undefined);
		if (!folderStat?.isDirectory()) throw new ModelLoadError(`model folder "${folder}" not found`, folder);
		const infos = await Promise.all(REQUIRED_FILES.map((name) => stat(join(folder, name)).catch(() => undefined)));
		const missing = REQUIRED_FILES.filter((_name, index) => !infos[index]?.isFile());
		const [modelInfo] = infos;
		if (!modelInfo || missing.length > 0) {
			throw new ModelLoadError(`${missing.join(', ')} not found in model folder "${folder}": ${EXPORT_HINT}`, join(folder, missing[0]));
		}
		const config: ModelConfig = await readJsonObject(folder, HUGGING_FACE_FILES.config);
		const labels = labelsOf(config, folder);
		const prepared = await cachedTokenizer(folder);
		const modelPath = join(folder, HUGGING_FACE_FILES.model);
		const session = await createSession(modelPath, options).catch((error: Error) => {
			throw new ModelLoadError(`model.onnx in model folder "${folder}" is not a loadable ONNX model (${firstLine(error)})`, modelPath);
		});
		checkGraph(session, labels.length, folder);

		const positions = config.max_position_embeddings;
		const modelLimit = Math.min(
			prepared.modelMaxLength ?? Infinity,
			typeof positions === 'number' && positions > 0 ? positions : Infinity,
		);
		const maxLength = Math.min(options.maxLength ?? DEFAULT_MAX_LENGTH, modelLimit);
		if (!Number.isInteger(maxLength) || maxLength <= prepared.specialTokens) {
			throw new RangeError(
				`maxLength ${maxLength} is not usable: the tokenizer of "${folder}" adds ${prepared.specialTokens} special tokens to every message`,
			);
		}
		return new HuggingFaceClassifier(
			folder,
			labels,
			basename(folder),
			modelInfo.mtime.toISOString(),
			maxLength,
			prepared,
			session,
		);
	}

	/**
	 * Predictions in input order, classes ranked by probability (softmax of the logits). An export
	 * has no calibrated thresholds: only its out-of-scope class is out of scope unless
	 * `confidenceThreshold` or `ambiguityMargin` are given. Empty texts are out of scope with reason `empty_text`.
	 */
	async predict(texts: readonly string[], options: PredictOptions = {}): Promise<Prediction[]> {
		const thresholds: Thresholds = { confidence: options.confidenceThreshold ?? 0, margin: options.ambiguityMargin ?? 0 };
		const topK = options.topK ?? 3;
		const predictions = new Array<Prediction>(texts.length);
		const encoded: EncodedText[] = [];
		texts.forEach((text, index) => {
			if (text.trim() === '') {
				predictions[index] = emptyTextPrediction(this.oosLabel);
			} else {
				encoded.push(this.encode(text, index));
			}
		});
		// Similar lengths share a run, so that padding stays small.
		encoded.sort((a, b) => a.ids.length - b.ids.length || a.index - b.index);
		const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
		const classes = this.labels.length;
		for (let start = 0; start < encoded.length; ) {
			let end = start + 1;
			while (
				end < encoded.length &&
				end - start < batchSize &&
				(end - start + 1) * encoded[end].ids.length <= MAX_TOKENS_PER_RUN
			) {
				end++;
			}
			const batch = encoded.slice(start, end);
			const probabilities = softmaxRows(await this.run(batch), classes);
			batch.forEach((text, row) => {
				const decision = decide(
					probabilities.subarray(row * classes, (row + 1) * classes),
					this.labels,
					thresholds,
					{ label: this.oosLabel, classIndex: this.oosClass },
					topK,
				);
				predictions[text.index] = { ...decision, language: text.language };
			});
			start = end;
		}
		return predictions;
	}

	/** Token ids with the tokenizer's special tokens, at most `maxLength` of them. */
	private encode(text: string, index: number): EncodedText {
		const { tokenizer, specialTokens, unkId } = this.prepared;
		const { tokens, used } = this.firstTokens(text, this.maxLength - specialTokens);
		const processed = tokenizer.post_processor ? tokenizer.post_processor(tokens, null, true) : { tokens };
		return {
			index,
			ids: processed.tokens.map((token) => tokenizer.token_to_id(token) ?? unkId),
			typeIds: processed.token_type_ids ?? processed.tokens.map(() => 0),
			language: languageOfWords(used),
		};
	}

	/**
	 * The first `limit` tokens of `text` without special tokens, tokenizing only as much of the text as
	 * that takes (a 1 MB message costs no more than a short one), and the part of the text used.
	 */
	private firstTokens(text: string, limit: number): { tokens: string[]; used: string } {
		const { tokenizer } = this.prepared;
		for (let chars = limit * CHARS_PER_TOKEN_GUESS; ; chars *= 4) {
			const used = text.length <= chars ? text : cutText(text, chars);
			const tokens = tokenizer.tokenize(used, { add_special_tokens: false });
			if (used === text || tokens.length >= limit + CUT_SLACK) return { tokens: tokens.slice(0, limit), used };
		}
	}

	private async run(batch: EncodedText[]): Promise<Float32Array> {
		const ort = loadOnnxRuntime();
		const length = Math.max(...batch.map((text) => text.ids.length));
		const cells = batch.length * length;
		const ids = new BigInt64Array(cells).fill(BigInt(this.prepared.padId));
		const mask = new BigInt64Array(cells);
		const typeIds = new BigInt64Array(cells);
		batch.forEach((text, row) => {
			text.ids.forEach((id, position) => {
				const cell = row * length + position;
				ids[cell] = BigInt(id);
				mask[cell] = 1n;
				typeIds[cell] = BigInt(text.typeIds[position]);
			});
		});
		const shape = [batch.length, length];
		const feeds: Record<string, Tensor> = { [INPUTS.ids]: new ort.Tensor('int64', ids, shape) };
		if (this.session.inputNames.includes(INPUTS.mask)) feeds[INPUTS.mask] = new ort.Tensor('int64', mask, shape);
		if (this.session.inputNames.includes(INPUTS.types)) feeds[INPUTS.types] = new ort.Tensor('int64', typeIds, shape);
		const outputs = await this.session.run(feeds);
		return outputs[OUTPUT].data as Float32Array;
	}
}

/** Checks the graph is a sequence classifier this class can feed, with one logit per label. */
function checkGraph(session: InferenceSession, labels: number, folder: string): void {
	const fail = (why: string): never => {
		throw new ModelLoadError(`model.onnx in model folder "${folder}" ${why}: ${EXPORT_HINT}`, join(folder, HUGGING_FACE_FILES.model));
	};
	const known: readonly string[] = Object.values(INPUTS);
	if (!session.inputNames.includes(INPUTS.ids)) fail(`has no "${INPUTS.ids}" input (inputs: ${session.inputNames.join(', ')})`);
	for (const input of session.inputMetadata) {
		if (!known.includes(input.name)) fail(`needs an input "${input.name}" that a text-classification export does not have`);
		if (input.isTensor && input.type !== 'int64') fail(`takes ${input.type} "${input.name}", expected int64`);
	}
	const output = session.outputMetadata.find((meta) => meta.name === OUTPUT);
	if (!output?.isTensor) return fail(`has no "${OUTPUT}" output (outputs: ${session.outputNames.join(', ')})`);
	if (output.type !== 'float32') fail(`gives ${output.type} "${OUTPUT}", expected float32`);
	const width = output.shape[output.shape.length - 1];
	if (output.shape.length !== 2 || (typeof width === 'number' && width !== labels)) {
		fail(`gives "${OUTPUT}" of shape [${output.shape.join(', ')}] but config.json's id2label has ${labels} labels`);
	}
}

/** Row-wise softmax of `[rows × classes]` logits, in double precision. */
function softmaxRows(logits: Float32Array, classes: number): Float64Array {
	const probabilities = new Float64Array(logits.length);
	for (let offset = 0; offset < logits.length; offset += classes) {
		let largest = -Infinity;
		for (let c = 0; c < classes; c++) largest = Math.max(largest, logits[offset + c]);
		let sum = 0;
		for (let c = 0; c < classes; c++) sum += probabilities[offset + c] = Math.exp(logits[offset + c] - largest);
		for (let c = 0; c < classes; c++) probabilities[offset + c] /= sum;
	}
	return probabilities;
}
