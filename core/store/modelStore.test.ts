import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { SUPPORT_EXAMPLES, temporaryStoreFolder } from '../../test/store/supportExamples';
import { isHeldOut, textKey } from './dataset';
import { creationFolderName } from './layout';
import { DEFAULT_HELD_OUT_FRACTION, openModelStore, type ModelStore } from './modelStore';
import { retrainModel } from './retrain';
import type { FeedbackInput } from './records';

let folder: string;
let remove: () => Promise<void>;
let store: ModelStore;

beforeEach(() => {
	({ folder, remove } = temporaryStoreFolder());
	store = openModelStore(folder);
});
afterEach(async () => await remove());

const create = async (name = 'support') =>
	await store.createModel(name, SUPPORT_EXAMPLES, { source: 'support.csv', heldOutFraction: 0.25 });

describe('creating and listing models', () => {
	it('lists nothing, and creates nothing, where no store exists', async () => {
		const missing = openModelStore(join(folder, 'not-there'));
		expect(await missing.listModels()).toEqual([]);
		expect(existsSync(join(folder, 'not-there'))).toBe(false);
		await expect(missing.promotedVersion('support')).rejects.toThrow(/Unknown model "support": the model store at .* has no models yet/);
	});

	it('stores the base set with a held-out split and lists the model', async () => {
		const info = await create();
		expect(info).toMatchObject({ name: 'support', source: 'support.csv', heldOutFraction: 0.25, baseExamples: 70, feedbackRecords: 0 });
		expect(info.heldOutExamples).toBeGreaterThan(5);
		expect(info.heldOutExamples).toBeLessThan(30);
		expect(info.promotedVersion).toBeUndefined();
		await create('客服-意图');
		expect(await store.listModels()).toEqual(['support', '客服-意图']);
		expect((await readdir(join(folder, 'models'))).sort()).toEqual(['support', '客服-意图']);
	});

	it('keeps in training a label whose only example would be held out', async () => {
		const rare = { text: 'unsubscribe me', label: 'cancel_subscription' };
		expect(isHeldOut(textKey(rare.text), DEFAULT_HELD_OUT_FRACTION)).toBe(true);
		await store.createModel('support', [...SUPPORT_EXAMPLES, rare], { source: 'support.csv' });
		const data = await store.trainingData('support');
		expect(data.baseTraining).toContainEqual(rare);
		expect(data.heldOut.length).toBeGreaterThan(0);
		await retrainModel(store, 'support');
		expect((await store.version('support')).labels).toContain('cancel_subscription');
	});

	it('removes the folders killed creations left, and not one another process is creating', async () => {
		const models = join(folder, 'models');
		const killedPid = spawnSync(process.execPath, ['-e', '']).pid;
		const creator = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)']);
		try {
			const killed = creationFolderName('support', killedPid);
			const beingCreated = creationFolderName('other', creator.pid!);
			const fromAnotherHost = '.creating-remote-0badf00d-42-89abcdef';
			const abandonedOnAnotherHost = '.creating-old-0badf00d-42-89abcdef';
			for (const leftover of [killed, beingCreated, fromAnotherHost, abandonedOnAnotherHost]) {
				mkdirSync(join(models, leftover, 'versions'), { recursive: true });
				writeFileSync(join(models, leftover, 'model.db'), '');
			}
			const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
			utimesSync(join(models, abandonedOnAnotherHost), twoHoursAgo, twoHoursAgo);

			await create();
			expect((await readdir(models)).sort()).toEqual([beingCreated, fromAnotherHost, 'support'].sort());
			expect(await store.listModels()).toEqual(['support']);
		} finally {
			creator.kill();
		}
	});

	it('refuses a second model of the same name, bad names and single-label data', async () => {
		await create();
		await expect(create()).rejects.toThrow('Model "support" already exists');
		await expect(create('../escape')).rejects.toThrow('Invalid model name "../escape"');
		await expect(create('has space')).rejects.toThrow('Invalid model name');
		await expect(
			store.createModel('one', [{ text: 'a', label: 'x' }, { text: 'b', label: 'x' }], { source: 'one.csv' }),
		).rejects.toThrow('one.csv: training needs at least 2 different labels, found only the label "x"');
		expect(await store.listModels()).toEqual(['support']);
	});

	it('names the known models when asked for an unknown one, and says when none is promoted yet', async () => {
		await create();
		await expect(store.promotedVersion('other')).rejects.toThrow(/Unknown model "other" in the model store at .*; known models: support/);
		await expect(store.promotedVersion('support')).rejects.toThrow('Model "support" has no promoted version yet');
	});
});

describe('feedback', () => {
	it('appends records, flags labels the promoted version does not know, and reads them back', async () => {
		await create();
		await retrainModel(store, 'support');
		const recorded = await store.recordFeedback('support', [
			{ text: '我要退款', correctLabel: 'refund', predictedLabel: 'delivery', rating: 2, agent: 'li', channel: 'web', conversationId: 'c1' },
			{ text: 'I need to talk to a person', correctLabel: 'talk_to_human' },
		]);
		expect(recorded.map((record) => record.isNewLabel)).toEqual([false, true]);
		expect(recorded[1].id).toBe(recorded[0].id + 1);
		const records = await store.feedbackRecords('support');
		expect(records).toEqual([
			expect.objectContaining({ text: '我要退款', correctLabel: 'refund', predictedLabel: 'delivery', rating: 2, agent: 'li', channel: 'web', conversationId: 'c1' }),
			expect.objectContaining({ text: 'I need to talk to a person', correctLabel: 'talk_to_human' }),
		]);
		expect(records[1]).not.toHaveProperty('rating');
		const [{ id: textRating }, { id: noRating }] = await store.recordFeedback('support', [
			{ text: 'hello', correctLabel: 'greeting', rating: ' 4 ' as unknown as number },
			{ text: 'hi', correctLabel: 'greeting', rating: null as unknown as number },
		]);
		const stored = await store.feedbackRecords('support');
		expect(stored.find((record) => record.id === textRating)?.rating).toBe(4);
		expect(stored.find((record) => record.id === noRating)).not.toHaveProperty('rating');
		expect((await store.describeModel('support')).feedbackRecords).toBe(4);
	});

	it('stores nothing from a batch with an invalid record and says what is wrong', async () => {
		await create();
		const valid = { text: 'hello', correctLabel: 'greeting' };
		await expect(store.recordFeedback('support', [valid, { text: '  ', correctLabel: 'refund' }])).rejects.toThrow('Feedback text is empty');
		await expect(store.recordFeedback('support', [valid, { text: 'hi', correctLabel: '' }])).rejects.toThrow('Feedback correct label is empty');
		await expect(store.recordFeedback('support', [{ ...valid, rating: Number.NaN }])).rejects.toThrow('Feedback rating must be a number, got NaN');
		// What n8n expressions can give: never stored as "[object Object]" or "a,b".
		const fromExpression = (fields: Record<string, unknown>) => ({ ...valid, ...fields }) as unknown as FeedbackInput;
		await expect(store.recordFeedback('support', [fromExpression({ text: { body: 'hello' } })])).rejects.toThrow(
			'Feedback field "text" must be text, got object',
		);
		await expect(store.recordFeedback('support', [fromExpression({ correctLabel: ['greeting', 'refund'] })])).rejects.toThrow(
			'Feedback field "correctLabel" must be text, got a list',
		);
		await expect(store.recordFeedback('support', [fromExpression({ rating: 'five' })])).rejects.toThrow('Feedback rating must be a number, got "five"');
		await expect(store.recordFeedback('missing', [valid])).rejects.toThrow('Unknown model "missing"');
		expect(await store.feedbackRecords('support')).toEqual([]);
	});
});

describe('versions, rollback and damage', () => {
	it('points at an immutable version folder and rolls back and forward in one step', async () => {
		await create();
		await retrainModel(store, 'support');
		await store.recordFeedback('support', [{ text: 'I need to talk to a person', correctLabel: 'talk_to_human' }]);
		await retrainModel(store, 'support');
		const promoted = await store.promotedVersion('support');
		expect(promoted).toEqual({ version: 2, modelDir: join(folder, 'models', 'support', 'versions', 'v0002') });
		expect(existsSync(join(promoted.modelDir, 'model.onnx'))).toBe(true);
		expect((await store.listVersions('support')).map(({ version, isPromoted, decision }) => ({ version, isPromoted, decision }))).toEqual([
			{ version: 1, isPromoted: false, decision: 'promoted' },
			{ version: 2, isPromoted: true, decision: 'promoted' },
		]);

		expect(await store.rollBack('support')).toEqual({ from: 2, to: 1 });
		expect((await store.promotedVersion('support')).version).toBe(1);
		await expect(store.rollBack('support')).rejects.toThrow('no promoted version before version 1');
		expect(await store.rollBack('support', 2)).toEqual({ from: 1, to: 2 });
		await expect(store.rollBack('support', 7)).rejects.toThrow('Model "support" has no version 7; its versions are 1, 2');
	});

	it('names a deleted version folder, refuses to point at it, and keeps the other versions usable', async () => {
		await create();
		await retrainModel(store, 'support');
		await retrainModel(store, 'support', { tolerance: 1 });
		const v2 = join(folder, 'models', 'support', 'versions', 'v0002');
		await rm(v2, { recursive: true });
		await expect(store.promotedVersion('support')).rejects.toThrow(
			`Model "support" version 2 is incomplete: ${join(v2, 'model.json')} is missing. Roll back to another version (1) or retrain.`,
		);
		// A retrain replaces the broken current version, saying it could not compare with it.
		const retrained = await retrainModel(store, 'support');
		expect(retrained).toMatchObject({ promoted: true, candidateVersion: 3, previousVersion: 2 });
		expect(retrained.reason).toMatch(/^the current version 2 could not be loaded \(.*v0002.*\), so the candidate replaces it$/);
		await expect(store.rollBack('support', 2)).rejects.toThrow(`${join(v2, 'model.json')} is missing`);
		expect(await store.rollBack('support', 1)).toEqual({ from: 3, to: 1 });
		expect((await store.promotedVersion('support')).version).toBe(1);
	});

	it('reports a damaged database by its path while other models keep working', async () => {
		await create('damaged');
		await create('healthy');
		const path = join(folder, 'models', 'damaged', 'model.db');
		writeFileSync(path, 'this is not a SQLite database, it was overwritten by mistake'.repeat(100));
		await expect(store.describeModel('damaged')).rejects.toThrow(`The model database ${path} is damaged (file is not a database)`);
		await expect(store.recordFeedback('damaged', [{ text: 'hi', correctLabel: 'greeting' }])).rejects.toThrow('is damaged');
		expect(await store.listModels()).toEqual(['damaged', 'healthy']);
		await store.recordFeedback('healthy', [{ text: 'hi', correctLabel: 'greeting' }]);
		expect((await store.describeModel('healthy')).feedbackRecords).toBe(1);
	});
});
