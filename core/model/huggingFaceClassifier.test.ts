import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { HuggingFaceClassifier } from './huggingFaceClassifier';
import { TINY_LABELS, TINY_VOCABULARY, writeTinySequenceClassifier, type TinyWeights } from './testing/tinySequenceClassifier';
import { ModelLoadError, type Prediction } from './textClassifier';

let root: string;
let exportFolder: string;
let weights: TinyWeights;
let folderCount = 0;

/** A fresh copy of the tiny export, to break. */
async function freshExport(options?: Parameters<typeof writeTinySequenceClassifier>[1]): Promise<{ folder: string; weights: TinyWeights }> {
	const folder = join(root, `export-${++folderCount}`);
	return { folder, weights: await writeTinySequenceClassifier(folder, options) };
}

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'hf-classifier-'));
	({ folder: exportFolder, weights } = await freshExport());
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

/**
 * Class probabilities recomputed without tokenizer or ONNX Runtime: softmax(W · mean(word + type
 * embedding) + b) over the given word pieces, [CLS] and [SEP] added.
 */
function expectedProbabilities(pieces: string[], tinyWeights: TinyWeights = weights, withTokenTypes = true): number[] {
	const { dim, wordEmbeddings, typeEmbeddings, classifierWeight, classifierBias } = tinyWeights;
	const tokens = ['[CLS]', ...pieces, '[SEP]'];
	const mean = new Array<number>(dim).fill(0);
	for (const token of tokens) {
		const id = TINY_VOCABULARY.indexOf(token);
		if (id < 0) throw new Error(`test bug: ${token} is not in the vocabulary`);
		for (let d = 0; d < dim; d++) {
			mean[d] += (wordEmbeddings[id * dim + d] + (withTokenTypes ? typeEmbeddings[d] : 0)) / tokens.length;
		}
	}
	const labels = TINY_LABELS.length;
	const logits = TINY_LABELS.map((_label, c) => mean.reduce((sum, value, d) => sum + value * classifierWeight[d * labels + c], classifierBias[c]));
	const exps = logits.map((logit) => Math.exp(logit - Math.max(...logits)));
	return exps.map((value) => value / exps.reduce((a, b) => a + b));
}

function expectPrediction(prediction: Prediction, probabilities: number[]): void {
	const best = probabilities.indexOf(Math.max(...probabilities));
	expect(prediction.label).toBe(TINY_LABELS[best]);
	expect(prediction.isOutOfScope).toBe(false);
	expect(prediction.confidence).toBeCloseTo(probabilities[best], 5);
	expect(prediction.topK).toHaveLength(TINY_LABELS.length);
	for (const { label, confidence } of prediction.topK) {
		expect(confidence).toBeCloseTo(probabilities[TINY_LABELS.indexOf(label as (typeof TINY_LABELS)[number])], 5);
	}
	const ranked = prediction.topK.map(({ confidence }) => confidence);
	expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
}

/** Messages and the word pieces BERT's tokenizer makes of them. */
const CASES: Array<{ text: string; pieces: string[]; label: string; language: string }> = [
	{ text: 'Where is my order?', pieces: ['where', 'is', 'my', 'order', '?'], label: 'order_status', language: 'en' },
	{
		text: 'I want a REFUND, unhappys!',
		pieces: ['i', 'want', 'a', 'refund', ',', 'un', '##happy', '##s', '!'],
		label: 'refund',
		language: 'en',
	},
	{ text: 'Hello!  Thanks', pieces: ['hello', '!', 'thanks'], label: 'greeting', language: 'en' },
	// 里 and the full-width ？ are not in the vocabulary: [UNK], one per character.
	{ text: '我的订单在哪里？', pieces: ['我', '的', '订', '单', '在', '哪', '[UNK]', '[UNK]'], label: 'order_status', language: 'zh' },
	{ text: '退钱！你好', pieces: ['退', '钱', '[UNK]', '你', '好'], label: 'refund', language: 'zh' },
	{ text: '我的order还没到', pieces: ['我', '的', 'order', '[UNK]', '[UNK]', '[UNK]'], label: 'order_status', language: 'mixed' },
	{ text: 'xyzzy packages', pieces: ['[UNK]', 'package', '##s'], label: 'order_status', language: 'en' },
];

describe('HuggingFaceClassifier', () => {
	it('reads labels and limits from the export', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder);
		expect(classifier.labels).toEqual([...TINY_LABELS]);
		expect(classifier.folder).toBe(exportFolder);
		expect(classifier.name).toBe('export-1');
		expect(Number.isNaN(Date.parse(classifier.version))).toBe(false);
		// tokenizer_config.json's model_max_length (64) is below 512 and max_position_embeddings (128).
		expect(classifier.maxLength).toBe(64);
		expect((await HuggingFaceClassifier.load(exportFolder, { maxLength: 1000 })).maxLength).toBe(64);
		expect((await HuggingFaceClassifier.load(exportFolder, { maxLength: 16 })).maxLength).toBe(16);
	});

	it('gives the probabilities of the exported network, for English, Chinese and mixed text', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder);
		const predictions = await classifier.predict(CASES.map(({ text }) => text));
		CASES.forEach(({ pieces, label, language }, index) => {
			expectPrediction(predictions[index], expectedProbabilities(pieces));
			expect(predictions[index].label).toBe(label);
			expect(predictions[index].language).toBe(language);
		});
	});

	it('reports the language of the words, not of a URL, e-mail address or order id in the message', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder);
		const texts = ['我的订单 https://shop.example.com/orders/track 在哪', '订单JD20240501123456在哪', '发到 zhangsan.wang@example.com'];
		expect((await classifier.predict(texts)).map(({ language }) => language)).toEqual(['zh', 'zh', 'zh']);
	});

	it('gives the same results in batches as one by one', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder);
		const texts = [...CASES.map(({ text }) => text), 'hi', 'where is my package, I want my money back'];
		const oneByOne = await Promise.all(texts.map(async (text) => (await classifier.predict([text]))[0]));
		for (const batchSize of [2, 3, 64]) {
			const batched = await classifier.predict(texts, { batchSize });
			batched.forEach((prediction, index) => {
				expect(prediction.label).toBe(oneByOne[index].label);
				expect(prediction.confidence).toBeCloseTo(oneByOne[index].confidence, 6);
			});
		}
	});

	it('feeds models without token_type_ids (DistilBERT-like)', async () => {
		const { folder, weights: tinyWeights } = await freshExport({ tokenTypeIds: false });
		const [prediction] = await (await HuggingFaceClassifier.load(folder)).predict(['where is my order?']);
		expectPrediction(prediction, expectedProbabilities(['where', 'is', 'my', 'order', '?'], tinyWeights, false));
	});

	it('keeps the first maxLength tokens, special tokens included', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder, { maxLength: 6 });
		const [prediction] = await classifier.predict(['hello where is my order package refund money back']);
		expectPrediction(prediction, expectedProbabilities(['hello', 'where', 'is', 'my']));
	});

	it('cuts 1 MB messages to the first maxLength tokens quickly', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder);
		const english = 'where is my order '.repeat(60_000);
		const chinese = '我的订单在哪'.repeat(180_000);
		const oneWord = 'a'.repeat(1 << 20);
		const started = Date.now();
		const [englishPrediction, chinesePrediction, oneWordPrediction] = await classifier.predict([english, chinese, oneWord]);
		expect(Date.now() - started).toBeLessThan(10_000);
		const englishPieces = Array.from({ length: 62 }, (_, i) => ['where', 'is', 'my', 'order'][i % 4]);
		expectPrediction(englishPrediction, expectedProbabilities(englishPieces));
		const chinesePieces = Array.from({ length: 62 }, (_, i) => [...'我的订单在哪'][i % 6]);
		expectPrediction(chinesePrediction, expectedProbabilities(chinesePieces));
		expect(chinesePrediction.language).toBe('zh');
		// A word longer than WordPiece's 100 characters is one [UNK].
		expectPrediction(oneWordPrediction, expectedProbabilities(['[UNK]']));
	});

	it('reports empty text and applies thresholds when given', async () => {
		const classifier = await HuggingFaceClassifier.load(exportFolder);
		const [empty, uncertain, top1] = await classifier.predict(['  ', 'where is my order?', 'where is my order?'], { topK: 1 });
		expect(empty).toEqual({
			label: 'out_of_scope',
			confidence: 0,
			isOutOfScope: true,
			reason: 'empty_text',
			topK: [],
			language: 'unknown',
		});
		expect(top1.topK).toHaveLength(1);
		const [strict] = await classifier.predict(['where is my order?'], { confidenceThreshold: 0.999 });
		expect(strict).toMatchObject({ label: 'out_of_scope', isOutOfScope: true, reason: 'low_confidence' });
		expect(strict.confidence).toBeCloseTo(uncertain.confidence, 6);
	});

	it.each(['oos', 'out_of_scope'])('treats an export’s "%s" label as the out-of-scope class, as a trained model’s', async (oosLabel) => {
		const { folder } = await freshExport();
		const path = join(folder, 'config.json');
		const config = JSON.parse(await readFile(path, 'utf8'));
		config.id2label = { 0: TINY_LABELS[0], 1: TINY_LABELS[1], 2: oosLabel };
		await writeFile(path, JSON.stringify(config));
		const classifier = await HuggingFaceClassifier.load(folder);
		const [outOfScope, inScope, empty] = await classifier.predict(['hello!', 'where is my order?', ' ']);
		expect(outOfScope).toMatchObject({ label: oosLabel, isOutOfScope: true, reason: 'out_of_scope_label' });
		expect(outOfScope.topK[0].label).toBe(oosLabel);
		expect(inScope).toMatchObject({ label: TINY_LABELS[0], isOutOfScope: false });
		expect(empty).toMatchObject({ label: oosLabel, reason: 'empty_text' });
		const [unsure] = await classifier.predict(['where is my order?'], { confidenceThreshold: 0.999 });
		expect(unsure).toMatchObject({ label: oosLabel, reason: 'low_confidence' });
	});

	it('picks up a re-exported model.onnx in the same folder', async () => {
		const { folder } = await freshExport();
		const text = 'where is my order?';
		const before = (await (await HuggingFaceClassifier.load(folder)).predict([text]))[0];
		const tinyWeights = await writeTinySequenceClassifier(folder, { tokenTypeIds: false });
		const after = (await (await HuggingFaceClassifier.load(folder)).predict([text]))[0];
		const withoutTypes = expectedProbabilities(['where', 'is', 'my', 'order', '?'], tinyWeights, false);
		expectPrediction(after, withoutTypes);
		expect(after.confidence).not.toBeCloseTo(before.confidence, 6);
	});

	it('works without tokenizer_config.json (limit from config.json)', async () => {
		const { folder } = await freshExport();
		await unlink(join(folder, 'tokenizer_config.json'));
		const classifier = await HuggingFaceClassifier.load(folder);
		expect(classifier.maxLength).toBe(128);
		expectPrediction((await classifier.predict(['hi!']))[0], expectedProbabilities(['hi', '!']));
	});

	const cudaInstalled = existsSync(
		join(dirname(require.resolve('onnxruntime-node/package.json')), 'bin/napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so'),
	);
	(cudaInstalled ? it.skip : it)('falls back to the CPU with one warning when CUDA cannot load', async () => {
		const warn = jest.fn();
		const { folder } = await freshExport();
		const cpu = await (await HuggingFaceClassifier.load(exportFolder)).predict(['hello']);
		for (const dir of [exportFolder, folder]) {
			const classifier = await HuggingFaceClassifier.load(dir, { executionProvider: 'cuda', logger: { warn } });
			expect((await classifier.predict(['hello']))[0].confidence).toBeCloseTo(cpu[0].confidence, 6);
		}
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0][0]).toMatch(/CUDA execution provider unavailable.*running on CPU/);
	});
});

describe('HuggingFaceClassifier errors', () => {
	async function loadError(folder: string, options = {}): Promise<Error> {
		return await HuggingFaceClassifier.load(folder, options).then(
			() => {
				throw new Error('loaded');
			},
			(error: Error) => error,
		);
	}

	it('names a missing folder', async () => {
		const error = await loadError(join(root, 'nowhere'));
		expect(error).toBeInstanceOf(ModelLoadError);
		expect(error.message).toBe(`model folder "${join(root, 'nowhere')}" not found`);
	});

	it.each(['model.onnx', 'tokenizer.json', 'config.json'])('names a missing %s and the folder', async (file) => {
		const { folder } = await freshExport();
		await unlink(join(folder, file));
		const error = await loadError(folder);
		expect(error).toBeInstanceOf(ModelLoadError);
		expect(error.message).toContain(`${file} not found in model folder "${folder}"`);
		expect((error as ModelLoadError).path).toBe(join(folder, file));
	});

	it('names a corrupt model.onnx', async () => {
		const { folder } = await freshExport();
		await writeFile(join(folder, 'model.onnx'), 'not a protobuf at all');
		const error = await loadError(folder);
		expect(error).toBeInstanceOf(ModelLoadError);
		expect(error.message).toMatch(new RegExp(`^model\\.onnx in model folder "${folder}" is not a loadable ONNX model \\(.+\\)$`));
		expect((error as ModelLoadError).path).toBe(join(folder, 'model.onnx'));
	});

	async function withConfig(edit: (config: Record<string, unknown>) => void): Promise<Error> {
		const { folder } = await freshExport();
		const path = join(folder, 'config.json');
		const config = JSON.parse(await readFile(path, 'utf8'));
		edit(config);
		await writeFile(path, JSON.stringify(config));
		return await loadError(folder);
	}

	it('explains a config.json without id2label', async () => {
		const error = await withConfig((config) => delete config.id2label);
		expect(error).toBeInstanceOf(ModelLoadError);
		expect(error.message).toContain('config.json in model folder');
		expect(error.message).toContain('has no "id2label"');
		expect(error.message).toContain('--task text-classification');
	});

	it('rejects id2label with a gap, one label, or a count the model does not output', async () => {
		expect((await withConfig((config) => (config.id2label = { 0: 'a', 2: 'c', 3: 'd' }))).message).toContain('no label for id 1');
		expect((await withConfig((config) => (config.id2label = { 0: 'score' }))).message).toContain('regression head');
		expect((await withConfig((config) => (config.id2label = { 0: 'a', x: 'b' }))).message).toContain('invalid "id2label" entry "x"');
		const error = await withConfig((config) => (config.id2label = { 0: 'a', 1: 'b' }));
		expect(error.message).toContain('gives "logits" of shape [batch_size, 3] but config.json\'s id2label has 2 labels');
	});

	it('names invalid JSON files', async () => {
		const { folder } = await freshExport();
		await writeFile(join(folder, 'config.json'), '{"id2label": ');
		expect((await loadError(folder)).message).toMatch(/^config\.json in model folder ".+" is not valid JSON/);
		const other = (await freshExport()).folder;
		await writeFile(join(other, 'tokenizer.json'), '[]');
		expect((await loadError(other)).message).toMatch(/^tokenizer\.json in model folder ".+" is not a JSON object/);
	});

	it('names a tokenizer.json the tokenizer library cannot use', async () => {
		const { folder } = await freshExport();
		await writeFile(join(folder, 'tokenizer.json'), JSON.stringify({ model: { type: 'WordPiece', vocab: {} } }));
		const error = await loadError(folder);
		expect(error).toBeInstanceOf(ModelLoadError);
		expect(error.message).toMatch(/^tokenizer\.json in model folder ".+" cannot be used \(.+\)$/);
	});

	it('rejects a maxLength with no room for text', async () => {
		const error = await loadError(exportFolder, { maxLength: 2 });
		expect(error).toBeInstanceOf(RangeError);
		expect(error.message).toContain('adds 2 special tokens');
	});
});
