import { DataError } from '../data/table';
import { TextClassifier } from '../model/textClassifier';
import type { TrainingProgress } from './train';
import { trainClassifierInWorker } from './trainInWorker';

// Runs dist/core/training/trainingWorker.js: `npm run build` first (npm test does).

/** 20 intents × 10 phrasings in Chinese and English, each intent with its own topic. */
function typedInExamples() {
	const zh = ['退款', '快递', '发票', '密码', '地址', '优惠券', '保修', '换货', '客服', '积分', '会员', '评价', '预约', '充值', '门店', '尺码', '赠品', '安装', '缺货', '投诉'];
	const en = ['refund', 'parcel', 'invoice', 'password', 'address', 'coupon', 'warranty', 'exchange', 'agent', 'points', 'membership', 'review', 'booking', 'top up', 'store', 'size', 'gift', 'installation', 'stock', 'complaint'];
	return zh.flatMap((topic, i) =>
		[`我想问一下${topic}的问题`, `${topic}怎么办`, `how do I handle my ${en[i]}`, `请帮我看看${topic}`, `question about ${en[i]}`,
			`${topic}还没处理好`, `I need help with ${en[i]}`, `关于${topic}，有人吗`, `my ${en[i]} is wrong`, `${topic}急`].map((text) => ({ text, label: `intent_${i}` })),
	);
}

describe('trainClassifierInWorker', () => {
	// How long it takes (≈ 0.3 s) is printed, not asserted: a busy machine must not fail the test.
	it('trains 20 intents × 10 examples in a worker thread, reporting progress', async () => {
		const examples = typedInExamples();
		await trainClassifierInWorker(examples.slice(0, 20)); // starts the worker and loads jieba once
		const progress: TrainingProgress[] = [];
		const started = performance.now();
		const trained = await trainClassifierInWorker(examples, { seed: 5, onProgress: (update) => progress.push(update) });
		process.stdout.write(`worker training, 20 intents × 10 examples: ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
		expect(trained.manifest.labels).toHaveLength(20);
		expect(trained.onnx).toBeInstanceOf(Uint8Array);
		expect(progress.map((update) => update.phase)).toEqual(expect.arrayContaining(['featurize', 'train', 'calibrate', 'done']));
		const classifier = await TextClassifier.fromTrained(trained);
		const predictions = await classifier.predict(['退款进度查一下', 'where is my parcel', '发票开错了']);
		expect(predictions.map((prediction) => prediction.topK[0].label)).toEqual(['intent_0', 'intent_1', 'intent_2']);
	});

	it('passes data errors back as DataError', async () => {
		await expect(trainClassifierInWorker([{ text: 'a', label: 'x' }])).rejects.toThrow(DataError);
	});

	it('stops on abort, and the next training still works', async () => {
		const controller = new AbortController();
		const training = trainClassifierInWorker(typedInExamples(), { signal: controller.signal });
		controller.abort();
		await expect(training).rejects.toThrow('training aborted');
		const trained = await trainClassifierInWorker(typedInExamples().slice(0, 40));
		expect(trained.manifest.labels).toEqual(['intent_0', 'intent_1', 'intent_2', 'intent_3']);
	});

	// Two executions retraining at once share the thread: stopping one must not fail the other.
	it('stops a training waiting its turn without touching the one running', async () => {
		const running = trainClassifierInWorker(typedInExamples());
		const controller = new AbortController();
		const waiting = trainClassifierInWorker(typedInExamples().slice(0, 40), { signal: controller.signal });
		controller.abort();
		await expect(waiting).rejects.toThrow('training aborted');
		expect((await running).manifest.labels).toHaveLength(20);
	});

	it('stops the running training and trains the ones waiting behind it on a fresh thread', async () => {
		const controller = new AbortController();
		const running = trainClassifierInWorker(typedInExamples(), { signal: controller.signal });
		const waiting = trainClassifierInWorker(typedInExamples().slice(0, 40));
		controller.abort();
		await expect(running).rejects.toThrow('training aborted');
		expect((await waiting).manifest.labels).toEqual(['intent_0', 'intent_1', 'intent_2', 'intent_3']);
	});
});
