import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { TextClassifier } from '../model/textClassifier';
import { SUPPORT_EXAMPLES, temporaryStoreFolder } from '../../test/store/supportExamples';
import { TrainingInProgressError } from './errors';
import { openModelStore, type ModelStore } from './modelStore';
import { retrainModel } from './retrain';

let folder: string;
let remove: () => Promise<void>;
let store: ModelStore;

beforeEach(async () => {
	({ folder, remove } = temporaryStoreFolder());
	store = openModelStore(folder);
	await store.createModel('support', SUPPORT_EXAMPLES, { source: 'support.csv', heldOutFraction: 0.25 });
});
afterEach(async () => await remove());

const classify = async (text: string) => {
	const { modelDir } = await store.promotedVersion('support');
	return (await (await TextClassifier.load(modelDir)).predict([text]))[0];
};

it('promotes a first version with held-out metrics, per-label scores and progress lines', async () => {
	const lines: string[] = [];
	const result = await retrainModel(store, 'support', { onProgress: (line) => lines.push(line) });
	expect(result).toMatchObject({ model: 'support', candidateVersion: 1, promoted: true, promotedVersion: 1, reason: 'first version of the model' });
	expect(result.previousVersion).toBeUndefined();
	expect(result.candidate.metrics?.n).toBe(result.data.heldOutExamples);
	expect(result.candidate.metrics?.accuracy).toBeGreaterThan(0.5);
	expect(result.perLabel.map((change) => change.label)).toEqual(['cancel_order', 'change_payment', 'delivery', 'greeting', 'refund']);
	expect(result.perLabel.every((change) => change.isNew)).toBe(true);
	expect(result.candidateReport?.confusion.length).toBe(result.candidateReport?.labels.length);
	expect(lines[0]).toMatch(/^support v0001: training on \d+ examples \(0 corrected texts from 0 feedback records\), \d+ held out$/);
	expect(lines.some((line) => /support v0001: epoch \d+/.test(line))).toBe(true);
	expect(lines.at(-1)).toBe('support v0001: promoted: first version of the model');
});

it('learns a correction with a new label and routes that message to it', async () => {
	await retrainModel(store, 'support');
	const text = 'I need to talk to a real person';
	await store.recordFeedback('support', [
		{ text, correctLabel: 'talk_to_human', predictedLabel: 'greeting' },
		{ text: '转人工客服', correctLabel: 'talk_to_human' },
	]);
	const result = await retrainModel(store, 'support');
	expect(result).toMatchObject({ candidateVersion: 2, previousVersion: 1, promoted: true, promotedVersion: 2, newLabels: ['talk_to_human'] });
	expect(result.reason).toMatch(/^held-out accuracy \d\.\d{4} vs \d\.\d{4} for version 1 \([+-]\d\.\d{4}, \d+ examples\): not worse/);
	expect(result.current?.metrics?.n).toBe(result.candidate.metrics?.n);
	expect(result.perLabel.find((change) => change.label === 'talk_to_human')).toEqual({ label: 'talk_to_human', support: 0, isNew: true });
	expect(result.perLabel.find((change) => change.label === 'refund')).toMatchObject({ isNew: false, f1Change: expect.any(Number) });
	expect(result.data).toMatchObject({ feedbackRecords: 2, correctedTexts: 2, feedbackThrough: 2 });
	const prediction = await classify(text);
	expect(prediction.label).toBe('talk_to_human');
	expect(prediction.isOutOfScope).toBe(false);
});

it('refuses a candidate that bad feedback made worse, keeps it as a version and leaves the pointer', async () => {
	await retrainModel(store, 'support');
	// Someone swapped the refund and delivery labels of every training message.
	const swapped: Record<string, string> = { refund: 'delivery', delivery: 'refund' };
	const data = await store.trainingData('support');
	await store.recordFeedback(
		'support',
		data.baseTraining
			.filter((example) => example.label in swapped)
			.map((example) => ({ text: example.text, correctLabel: swapped[example.label] })),
	);
	const result = await retrainModel(store, 'support', { tolerance: 0 });
	expect(result).toMatchObject({ candidateVersion: 2, promoted: false, promotedVersion: 1 });
	expect(result.reason).toMatch(/worse by more than the tolerance 0, the current version stays$/);
	expect(result.perLabel.find((change) => change.label === 'delivery')?.f1Change).toBeLessThan(0);
	expect((await store.promotedVersion('support')).version).toBe(1);
	const versions = await store.listVersions('support');
	expect(versions.map(({ decision }) => decision)).toEqual(['promoted', 'refused']);
	expect(existsSync(join(versions[1].modelDir, 'model.onnx'))).toBe(true);
	// The macro-F1 gate with a generous tolerance lets the same data through.
	expect((await retrainModel(store, 'support', { metric: 'macroF1', tolerance: 1 })).promoted).toBe(true);
});

it('answers "training in progress" to a second concurrent retrain, or waits for it when asked', async () => {
	const [first, second] = await Promise.allSettled([retrainModel(store, 'support'), retrainModel(store, 'support')]);
	const outcomes = [first.status, second.status].sort();
	expect(outcomes).toEqual(['fulfilled', 'rejected']);
	const rejected = [first, second].find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
	expect(rejected.reason).toBeInstanceOf(TrainingInProgressError);
	expect(rejected.reason.message).toMatch(/^Training in progress: model "support" is being retrained by process \d+ on /);

	const waited = await Promise.all([
		retrainModel(store, 'support', { ifTrainingInProgress: 'wait' }),
		retrainModel(store, 'support', { ifTrainingInProgress: 'wait' }),
	]);
	expect(waited.map((result) => result.candidateVersion).sort()).toEqual([2, 3]);
	expect(Math.max(...waited.map((result) => result.seconds.waitingForLock))).toBeGreaterThan(0.1);
	expect((await store.listVersions('support')).map(({ version }) => version)).toEqual([1, 2, 3]);
});
