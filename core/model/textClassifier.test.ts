import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { LabelledExample } from '../data/labelled';
import { trainClassifier, type TrainedModel } from '../training/train';
import { MANIFEST_FILE, MODEL_FILE } from './manifest';
import { MAX_LOADED_MODELS, ModelLoadError, TextClassifier } from './textClassifier';
import { writeModel } from './writeModel';

const examples: LabelledExample[] = [
	...['我要退款', '怎么退款', 'refund please', 'I want my money back', '退钱', 'how do I get a refund', '退款多久到账', 'refund my order'].map((text) => ({ text, label: 'refund' })),
	...['快递到哪了', 'where is my parcel', '物流信息', 'track my order', '还没发货', 'delivery is late', '快递太慢了', 'when will it arrive'].map((text) => ({ text, label: 'delivery' })),
	...['你好', 'hello', '在吗', 'hi there', '您好', 'good morning', '有人吗', 'hey'].map((text) => ({ text, label: 'greeting' })),
];

let trained: TrainedModel;
let dir: string;
const root = mkdtempSync(join(tmpdir(), 'support-ai-model-'));
const copyModel = (name: string) => {
	const target = join(root, name);
	mkdirSync(target);
	for (const file of [MODEL_FILE, MANIFEST_FILE]) copyFileSync(join(dir, file), join(target, file));
	return target;
};

beforeAll(async () => {
	trained = trainClassifier(examples, { seed: 11 });
	dir = join(root, 'model');
	await writeModel(dir, trained);
});

describe('TextClassifier', () => {
	it('predicts labels, confidences, top-k and language in input order', async () => {
		const classifier = await TextClassifier.load(dir);
		const predictions = await classifier.predict(['我的快递到哪了', 'I want a refund', '', 'hello 你好'], { topK: 2 });
		expect(predictions.map((p) => p.topK[0]?.label)).toEqual(['delivery', 'refund', undefined, 'greeting']);
		expect(predictions.map((p) => p.language)).toEqual(['zh', 'en', 'unknown', 'mixed']);
		expect(predictions[0].topK).toHaveLength(2);
		expect(predictions[0].confidence).toBe(predictions[0].topK[0].confidence);
		expect(predictions[2]).toEqual({
			label: 'out_of_scope',
			confidence: 0,
			isOutOfScope: true,
			reason: 'empty_text',
			topK: [],
			language: 'unknown',
		});
	});

	it('puts text with nothing to read (only punctuation or control characters) out of scope, like empty text', async () => {
		const classifier = await TextClassifier.load(dir);
		const predictions = await classifier.predict(['???', '……！！', '\u0000\u0007', 'hello'], { confidenceThreshold: 0 });
		expect(predictions.map(({ label, isOutOfScope, reason }) => [label, isOutOfScope, reason])).toEqual([
			['out_of_scope', true, 'empty_text'],
			['out_of_scope', true, 'empty_text'],
			['out_of_scope', true, 'empty_text'],
			['greeting', false, undefined],
		]);
		// The class probabilities stay, for callers that read them all (Sentiment).
		expect(predictions[0].topK).toHaveLength(3);
	});

	it('applies threshold overrides, and batches many messages', async () => {
		const classifier = await TextClassifier.load(dir);
		const [plain] = await classifier.predict(['我的快递到哪了']);
		const strict = await classifier.predict(['我的快递到哪了'], { confidenceThreshold: plain.confidence + 1e-6 });
		expect(strict[0]).toMatchObject({ isOutOfScope: true, reason: 'low_confidence', label: 'out_of_scope' });
		const texts = Array.from({ length: 150 }, (_, i) => (i % 2 ? `refund ${i}` : '快递 '.repeat(1 + (i % 40))));
		const predictions = await classifier.predict(texts, { batchSize: 16 });
		expect(predictions.map((p) => p.topK[0].label)).toEqual(texts.map((_, i) => (i % 2 ? 'refund' : 'delivery')));
	});

	it('matches predictions of the same model held in memory', async () => {
		const fromDisk = await (await TextClassifier.load(dir)).predict(['退款多久到账']);
		const inMemory = await (await TextClassifier.fromTrained(trained)).predict(['退款多久到账']);
		expect(inMemory).toEqual(fromDisk);
	});

	it('shares one session per model version and reloads a changed model', async () => {
		const target = copyModel('versioned');
		const first = await TextClassifier.load(target);
		const again = await TextClassifier.load(target);
		expect(again['session']).toBe(first['session']);
		utimesSync(join(target, MODEL_FILE), new Date(), new Date(Date.now() + 5000));
		const reloaded = await TextClassifier.load(target);
		expect(reloaded['session']).not.toBe(first['session']);
	});

	it('keeps the sessions of the most recently used models only (each retrained version is a model of its own)', async () => {
		const first = await TextClassifier.load(copyModel('recent-0'));
		expect((await TextClassifier.load(join(root, 'recent-0')))['session']).toBe(first['session']);
		for (let i = 1; i <= MAX_LOADED_MODELS; i++) await TextClassifier.load(copyModel(`recent-${i}`));
		// MAX_LOADED_MODELS other models used since: the first one's session was dropped, and it loads anew.
		const again = await TextClassifier.load(join(root, 'recent-0'));
		expect(again['session']).not.toBe(first['session']);
		expect((await again.predict(['where is my parcel']))[0].topK[0].label).toBe('delivery');
	});

	it('keeps the session of each provider setting while another is used (nodes with different settings)', async () => {
		const target = copyModel('two-settings');
		const oneThread = await TextClassifier.load(target);
		const twoThreads = await TextClassifier.load(target, { intraOpNumThreads: 2 });
		expect(twoThreads['session']).not.toBe(oneThread['session']);
		expect((await TextClassifier.load(target))['session']).toBe(oneThread['session']);
		expect((await TextClassifier.load(target, { intraOpNumThreads: 2 }))['session']).toBe(twoThreads['session']);
	});

	it('falls back from CUDA to CPU with a single warning', async () => {
		const warnings: string[] = [];
		const logger = { warn: (message: string) => warnings.push(message) };
		const classifier = await TextClassifier.load(copyModel('cuda'), { executionProvider: 'cuda', logger });
		await TextClassifier.load(copyModel('cuda-again'), { executionProvider: 'cuda', logger });
		expect((await classifier.predict(['refund please']))[0].topK[0].label).toBe('refund');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/CUDA execution provider unavailable .*running on CPU/);
	});

	describe('errors name the file at fault', () => {
		it('missing folder', async () => {
			await expect(TextClassifier.load(join(root, 'nope'))).rejects.toThrow(new ModelLoadError(`model folder ${join(root, 'nope')} not found`, ''));
		});

		it('missing model.json / model.onnx', async () => {
			const noManifest = copyModel('no-manifest');
			rmSync(join(noManifest, MANIFEST_FILE));
			await expect(TextClassifier.load(noManifest)).rejects.toThrow(`${join(noManifest, MANIFEST_FILE)} not found`);
			const noModel = copyModel('no-model');
			rmSync(join(noModel, MODEL_FILE));
			await expect(TextClassifier.load(noModel)).rejects.toThrow(`${join(noModel, MODEL_FILE)} not found`);
		});

		it('corrupt or foreign model.onnx', async () => {
			const corrupt = copyModel('corrupt');
			writeFileSync(join(corrupt, MODEL_FILE), 'not a model');
			await expect(TextClassifier.load(corrupt)).rejects.toThrow(/model.onnx does not match .*model.json \(sha256 differs\)/);
			const manifest = JSON.parse(readFileSync(join(corrupt, MANIFEST_FILE), 'utf8'));
			delete manifest.onnx.sha256;
			writeFileSync(join(corrupt, MANIFEST_FILE), JSON.stringify(manifest));
			await expect(TextClassifier.load(corrupt)).rejects.toThrow(/corrupt\/model.onnx: not a loadable ONNX model/);
		});

		it('invalid model.json', async () => {
			const broken = copyModel('broken-manifest');
			writeFileSync(join(broken, MANIFEST_FILE), '{"format": "something-else"');
			await expect(TextClassifier.load(broken)).rejects.toThrow(/model.json: invalid model manifest \(.*JSON/);
			writeFileSync(join(broken, MANIFEST_FILE), JSON.stringify({ ...trained.manifest, labels: ['only'] }));
			await expect(TextClassifier.load(broken)).rejects.toThrow(/"labels" must be an array of at least 2 strings/);
			writeFileSync(join(broken, MANIFEST_FILE), JSON.stringify({ ...trained.manifest, labels: ['a', 'b'] }));
			await expect(TextClassifier.load(broken)).rejects.toThrow(/not a support-ai classifier with 2 outputs/);
		});
	});
});
