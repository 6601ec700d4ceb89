import type { LabelledExample } from '../data/labelled';
import { DataError } from '../data/table';
import { Featurizer } from '../features/featurizer';
import { TextClassifier } from '../model/textClassifier';
import { SMALL_VALIDATION_MIN_MARGIN, trainClassifier } from './train';

/** `intents` intents × `perIntent` phrasings, each intent with its own topic words (zh or en). */
export function intentExamples(intents: number, perIntent: number): LabelledExample[] {
	const topics = ['退款', '快递', '发票', '密码', '地址', '优惠券', '保修', '换货', '客服', '积分'];
	const english = ['refund', 'parcel', 'invoice', 'password', 'address', 'coupon', 'warranty', 'exchange', 'agent', 'points'];
	const frames = [
		(t: string) => `我想问一下${t}的问题`,
		(t: string) => `${t}怎么办`,
		(t: string) => `how do I handle my ${t}`,
		(t: string) => `请帮我看看${t}`,
		(t: string) => `question about ${t} please`,
		(t: string) => `${t}还没处理好`,
		(t: string) => `I need help with ${t} today`,
		(t: string) => `关于${t}，有人吗`,
		(t: string) => `my ${t} is wrong`,
		(t: string) => `${t} ${t} 急`,
	];
	const examples: LabelledExample[] = [];
	for (let i = 0; i < intents; i++) {
		const topic = `${topics[i % 10]}${i >= 10 ? '服务' : ''}`;
		const word = `${english[i % 10]}${i >= 10 ? ' service' : ''}`;
		for (let k = 0; k < perIntent; k++) examples.push({ text: frames[k % frames.length](k % 2 ? word : topic), label: `intent_${i}` });
	}
	return examples;
}

describe('trainClassifier', () => {
	it('learns a small separable set', () => {
		const trained = trainClassifier(intentExamples(5, 10), { seed: 1 });
		const featurizer = new Featurizer(trained.manifest.featurizer);
		expect(trained.manifest.labels).toEqual(['intent_0', 'intent_1', 'intent_2', 'intent_3', 'intent_4']);
		expect(trained.manifest.training.validation).toBe('carved');
		expect(trained.manifest.metrics.validation?.accuracy).toBe(1);
		expect(trained.manifest.dataFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(trained.onnx.byteLength).toBe(trained.manifest.onnx.bytes);
		expect(featurizer.config).toEqual(trained.manifest.featurizer);
	});

	it('is deterministic for a seed', () => {
		const examples = intentExamples(4, 10);
		const a = trainClassifier(examples, { seed: 7 });
		const b = trainClassifier(examples, { seed: 7 });
		expect(a.manifest.thresholds).toEqual(b.manifest.thresholds);
		expect(a.manifest.metrics).toEqual(b.manifest.metrics);
		expect(a.manifest.dataFingerprint).toBe(b.manifest.dataFingerprint);
		expect(a.manifest.onnx.bytes).toBe(b.manifest.onnx.bytes);
	});

	it('uses a given validation set, an OOS class, class balancing and int8 weights', () => {
		const examples = [...intentExamples(3, 10), ...['天气真好', 'what is the weather', '讲个笑话', 'tell me a joke', '你是谁', 'sing a song'].map((text) => ({ text, label: 'oos' }))];
		const validation = [
			{ text: '退款怎么办', label: 'intent_0' },
			{ text: 'my parcel is wrong', label: 'intent_1' },
			{ text: '今天天气怎么样', label: 'oos' },
		];
		const trained = trainClassifier(examples, { validation, oosLabel: 'oos', classBalancing: true, quantize: true, seed: 3 });
		expect(trained.manifest.oosLabel).toBe('oos');
		expect(trained.manifest.labels).toContain('oos');
		expect(trained.manifest.training).toMatchObject({ validation: 'given', validationExamples: 3, refit: true });
		expect(trained.manifest.network.embedding).toBe('int8');
		expect(trained.manifest.metrics.validation).toHaveProperty('oosRecall');
	});

	it('learns given validation examples in a final pass unless refit is off', async () => {
		const examples = intentExamples(3, 10);
		// Words that only the validation set has: a model that learned it knows them, one that did not has no row for them.
		const validation = [
			{ text: 'zorblax quintel', label: 'intent_2' },
			{ text: 'zorblax quintel again', label: 'intent_2' },
			{ text: '退款怎么办', label: 'intent_0' },
		];
		const confidenceOfUnseenWords = async (refit: boolean | undefined) => {
			const trained = trainClassifier(examples, { validation, seed: 3, ...(refit === undefined ? {} : { refit }) });
			const classifier = await TextClassifier.fromTrained(trained);
			const [prediction] = await classifier.predict(['zorblax quintel'], { topK: 3 });
			return { refit: trained.manifest.training.refit, intent2: prediction.topK.find((entry) => entry.label === 'intent_2')!.confidence };
		};
		const learned = await confidenceOfUnseenWords(undefined);
		const unseen = await confidenceOfUnseenWords(false);
		expect(learned.refit).toBe(true);
		expect(unseen.refit).toBe(false);
		expect(unseen.intent2).toBeLessThan(0.5);
		expect(learned.intent2).toBeGreaterThan(unseen.intent2 + 0.1);
	});

	it('with up to three classes, keeps the better of a zero and a naive Bayes start on validation', () => {
		const messages: string[] = [];
		const examples = intentExamples(2, 20);
		const chosen = trainClassifier(examples, { seed: 2, onProgress: ({ message }) => messages.push(message) });
		expect(messages.some((message) => message.startsWith('zero start: epoch 1/'))).toBe(true);
		expect(messages.some((message) => message.startsWith('naive Bayes start: epoch 1/'))).toBe(true);
		const prior = chosen.manifest.training.settings.naiveBayesPrior;
		expect(messages).toContain(`kept the ${prior === 1 ? 'naive Bayes' : 'zero'} start (better on validation)`);
		// The kept run is the one trained with that start alone.
		const alone = trainClassifier(examples, { seed: 2, settings: { naiveBayesPrior: prior as number } });
		expect(alone.manifest.metrics).toEqual(chosen.manifest.metrics);
		expect(alone.manifest.training.epochs).toBe(chosen.manifest.training.epochs);
	});

	it('trains once, from zero, for more classes or without validation data', () => {
		// Two labels of one example each leave nothing to carve for validation.
		for (const examples of [intentExamples(4, 10), intentExamples(2, 1)]) {
			const messages: string[] = [];
			const trained = trainClassifier(examples, { seed: 2, onProgress: ({ message }) => messages.push(message) });
			expect(trained.manifest.training.settings.naiveBayesPrior).toBe(0);
			expect(messages.filter((message) => /^epoch 1\//.test(message))).toHaveLength(1);
			expect(messages.some((message) => message.includes('start'))).toBe(false);
		}
	});

	it('balances classes by default when the largest has 10× the examples of the smallest', () => {
		const balanced = (examples: LabelledExample[], classBalancing?: boolean) =>
			trainClassifier(examples, { seed: 1, classBalancing }).manifest.training.settings.classBalancing;
		const skewed = intentExamples(4, 30).filter((example, i) => example.label !== 'intent_3' || i % 10 === 0);
		expect(balanced(skewed)).toBe(true);
		expect(balanced(skewed, false)).toBe(false);
		expect(balanced(intentExamples(4, 30))).toBe(false);
		expect(balanced(intentExamples(4, 30), true)).toBe(true);
	});

	it('keeps an ambiguity margin of at least 0.05 when validation is too small to choose one on (intents typed in a node)', () => {
		// 5 intents × 10 examples carve 5 validation messages, all answered right: on those alone, 0 / 0.
		const typed = trainClassifier(intentExamples(5, 10), { seed: 1 });
		expect(typed.manifest.training.validationExamples).toBe(5);
		expect(typed.manifest.thresholds).toEqual({ confidence: 0, margin: SMALL_VALIDATION_MIN_MARGIN });
		// Nothing to carve (one example per intent): the same floor.
		expect(trainClassifier(intentExamples(3, 1), { seed: 1 }).manifest.thresholds.margin).toBe(SMALL_VALIDATION_MIN_MARGIN);
		// From 50 validation messages on, the thresholds chosen on them stand.
		const large = trainClassifier(intentExamples(5, 100), { seed: 1 });
		expect(large.manifest.training.validationExamples).toBe(50);
		expect(large.manifest.thresholds).toEqual({ confidence: 0, margin: 0 });
	});

	it('rejects data with a single label or an empty text', () => {
		expect(() => trainClassifier([{ text: 'a', label: 'x' }, { text: 'b', label: 'x' }])).toThrow(DataError);
		expect(() => trainClassifier([{ text: ' ', label: 'x' }, { text: 'b', label: 'y' }])).toThrow(/example 1 has an empty text/);
	});
});
