import { join } from 'node:path';

import { readLabelledFile } from '../data/labelled';
import { TextClassifier } from '../model/textClassifier';
import { SUPPORT_EXAMPLES, temporaryStoreFolder } from '../../test/store/supportExamples';
import { ensureModelFromBuiltIn } from './builtInSeed';
import { openModelStore, type ModelStore } from './modelStore';
import { retrainModel } from './retrain';

const REPO = join(__dirname, '..', '..');
const MESSAGES = ['如何更换支付方式？', 'Which payment methods do you accept?', '我的快递到哪了', 'I want my money back', 'hello'];

let remove: () => Promise<void>;
let store: ModelStore;

beforeEach(() => {
	const temporary = temporaryStoreFolder();
	remove = temporary.remove;
	store = openModelStore(temporary.folder);
});
afterEach(async () => await remove());

const labelsOf = async (folder: string) => (await (await TextClassifier.load(folder)).predict(MESSAGES)).map((prediction) => prediction.label);

it('creates the model from the shipped data with the shipped model as its promoted version 1, once', async () => {
	const columns = { textColumn: 'text', labelColumn: 'label' };
	const training = (await readLabelledFile(join(REPO, 'datasets/support-zh-en/train.csv'), columns)).examples;
	const heldOut = (await readLabelledFile(join(REPO, 'datasets/support-zh-en/test.csv'), columns)).examples;

	expect(await ensureModelFromBuiltIn(store, 'support-zh-en', 'support-zh-en')).toEqual({ created: true, importedVersion: true });
	expect(await store.describeModel('support-zh-en')).toMatchObject({
		source: 'built-in model support-zh-en',
		promotedVersion: 1,
		baseExamples: training.length + heldOut.length,
		heldOutExamples: heldOut.length,
		feedbackRecords: 0,
	});
	const [version] = await store.listVersions('support-zh-en');
	expect(version).toMatchObject({ version: 1, decision: 'promoted', reason: 'the built-in model support-zh-en as shipped', isPromoted: true });
	// The README's figure for the built-in model on its test set.
	expect(version.heldOutMetrics?.accuracy).toBeCloseTo(0.922, 3);
	expect(await labelsOf(version.modelDir)).toEqual(await labelsOf(join(REPO, 'models/support-zh-en')));

	expect(await ensureModelFromBuiltIn(store, 'support-zh-en', 'support-zh-en')).toEqual({ created: false, importedVersion: false });
	expect(await store.listVersions('support-zh-en')).toHaveLength(1);
});

it('judges the first retrain against the built-in model on its test set', async () => {
	await ensureModelFromBuiltIn(store, 'corrected', 'support-zh-en');
	const text = 'how many loyalty points do I have';
	await store.recordFeedback('corrected', [{ text, correctLabel: 'loyalty_points', predictedLabel: 'edit_account' }]);
	const result = await retrainModel(store, 'corrected');
	expect(result).toMatchObject({ candidateVersion: 2, previousVersion: 1, promoted: true, newLabels: ['loyalty_points'] });
	expect(result.current?.metrics?.n).toBe(1362);
	expect(result.candidate.metrics?.n).toBe(1362);
	const { modelDir } = await store.promotedVersion('corrected');
	expect((await (await TextClassifier.load(modelDir)).predict([text]))[0].label).toBe('loyalty_points');
});

it('leaves a model of the same name created from other data alone', async () => {
	await store.createModel('support-zh-en', SUPPORT_EXAMPLES, { source: 'tickets.csv' });
	expect(await ensureModelFromBuiltIn(store, 'support-zh-en', 'support-zh-en')).toEqual({ created: false, importedVersion: false });
	expect(await store.listVersions('support-zh-en')).toEqual([]);
});

it('refuses a built-in model whose training data is not shipped, naming the ones that can seed', async () => {
	await expect(ensureModelFromBuiltIn(store, 'banking', 'banking-en')).rejects.toThrow(
		'The built-in model "banking-en" cannot seed the model store: its training data is not shipped (models that can: support-zh-en)',
	);
	expect(await store.listModels()).toEqual([]);
});
