import type { INodeExecutionData } from 'n8n-workflow';

import { formatTable } from '../../core/data/formatTable';
import { defaultModelStoreFolder, openModelStore } from '../../core/store';
import { SUPPORT_EXAMPLES } from '../store/supportExamples';
import { assertFixtureExpectations, loadWorkflowFixture, readBinary, runWorkflow, runWorkflowFixture } from '../harness';

// The fixtures leave the store folder empty: the default store inside the harness's N8N_USER_FOLDER
// (a fresh folder per jest worker process). The cases build on each other, in order.
const MODEL = 'feedback-wf-support';

const fileItem = (content: string, fileName: string, mimeType: string): INodeExecutionData => ({
	json: {},
	binary: { data: { data: Buffer.from(content, 'utf8').toString('base64'), mimeType, fileName } },
});

const supportCsv = formatTable(
	['text', 'label'],
	[...SUPPORT_EXAMPLES.map(({ text, label }) => [text, label]), ['', 'refund']],
	'csv',
);

describe('Feedback & Retrain in workflows', () => {
	it('creates a model from a CSV file and trains its first version, with a picture and a metrics file', async () => {
		const run = await runWorkflowFixture('feedback-create-model.workflow.json', { input: [fileItem(supportCsv, 'support.csv', 'text/csv')] });
		assertFixtureExpectations(run);
		const item = run.outputs['Create Model'][0][0];
		const svg = (await readBinary(item.binary!.confusionMatrix)).toString('utf8');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(svg).toContain(`${MODEL} version 1: promoted`);
		const metrics = JSON.parse((await readBinary(item.binary!.metrics)).toString('utf8'));
		expect(metrics.candidateReport.confusion.length).toBe(metrics.candidateReport.labels.length);
		expect(await openModelStore(defaultModelStoreFolder()).listModels()).toContain(MODEL);
	});

	it('refuses to create the same model twice, naming it', async () => {
		const run = await runWorkflowFixture('feedback-create-model.workflow.json', { input: [fileItem(supportCsv, 'support.csv', 'text/csv')] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(new RegExp(`^Model "${MODEL}" already exists in the model store at `));
	});

	it('records a correction posted to a webhook, durably, before answering', async () => {
		const run = await runWorkflowFixture('feedback-record-webhook.workflow.json');
		assertFixtureExpectations(run);
		const records = await openModelStore(defaultModelStoreFolder()).feedbackRecords(MODEL);
		expect(records).toEqual([expect.objectContaining({ text: 'I need to talk to a real person', correctLabel: 'talk_to_human', agent: 'mei' })]);
	});

	it('retrains, promotes the new version and Intent Classify routes the corrected message to its new label', async () => {
		assertFixtureExpectations(await runWorkflowFixture('feedback-retrain-classify.workflow.json'));
	});

	it('turns bad feedback items into error items under Continue On Fail and stores the good one', async () => {
		assertFixtureExpectations(await runWorkflowFixture('feedback-record-continue-on-fail.workflow.json'));
		const texts = (await openModelStore(defaultModelStoreFolder()).feedbackRecords(MODEL)).map((record) => record.text);
		expect(texts).toEqual(['I need to talk to a real person', 'hello there']);
	});

	it('stops at an empty text without Continue On Fail and stores none of the items', async () => {
		assertFixtureExpectations(await runWorkflowFixture('feedback-record-stops-on-error.workflow.json'));
		expect(await openModelStore(defaultModelStoreFolder()).feedbackRecords(MODEL)).toHaveLength(2);
	});

	it('stops at an unknown model without Continue On Fail and stores none of the items, also those of known models before it', async () => {
		const { workflow } = loadWorkflowFixture('feedback-record-stops-on-error.workflow.json');
		const run = await runWorkflow(workflow, {
			input: [
				{ json: { model: MODEL, text: 'where can I track my order', label: 'delivery' } },
				{ json: { model: 'no-such-model', text: 'hi', label: 'greeting' } },
			],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Unknown model "no-such-model" in the model store at /);
		expect(await openModelStore(defaultModelStoreFolder()).feedbackRecords(MODEL)).toHaveLength(2);
	});

	it('evaluates versions on the held-out split and on a TSV file, and exports CSV files', async () => {
		const checkTsv = 'message\tintent\nrefund please\trefund\n我要退款\trefund\nwhere is my parcel\tdelivery\n';
		const run = await runWorkflowFixture('feedback-evaluate-export.workflow.json', {
			input: [fileItem(checkTsv, 'check.tsv', 'text/tab-separated-values')],
		});
		assertFixtureExpectations(run);
		const training = (await readBinary(run.outputs['Export Training Data'][0][0].binary!.csv)).toString('utf8').trim().split('\n');
		expect(training[0]).toBe('text,label,source,split');
		expect(training).toContain('I need to talk to a real person,talk_to_human,feedback,train');
		expect(training.filter((line) => line.endsWith(',held_out')).length).toBe(
			(run.outputs['Evaluate Held-Out'][0][0].json.metrics as { n: number }).n,
		);
		const feedback = (await readBinary(run.outputs['Export Feedback'][0][0].binary!.csv)).toString('utf8').trim().split('\n');
		expect(feedback[0]).toBe('id,recorded_at,text,predicted_label,correct_label,rating,agent,channel,conversation_id');
		expect(feedback[1]).toMatch(/^\d+,\d{4}-[^,]+,I need to talk to a real person,greeting,talk_to_human,,mei,webhook,$/);
	});

	it('rolls back one step in one go and lists the versions', async () => {
		assertFixtureExpectations(await runWorkflowFixture('feedback-rollback.workflow.json'));
		expect((await openModelStore(defaultModelStoreFolder()).promotedVersion(MODEL)).version).toBe(1);
	});

	it('rolls to a version an expression gives as text, and refuses one that is not a number without moving the pointer', async () => {
		const { workflow } = loadWorkflowFixture('feedback-rollback.workflow.json');
		const rollBackNode = workflow.nodes.find((node) => node.name === 'Roll Back')!;
		rollBackNode.parameters = { ...rollBackNode.parameters, version: '={{ $json.version }}' };
		rollBackNode.onError = 'continueRegularOutput';
		const run = await runWorkflow(workflow, { input: [{ json: { version: '2' } }, { json: { version: 'latest' } }] });
		expect(run.outputs['Roll Back'][0]).toEqual([
			{ json: { version: '2', model: MODEL, previousVersion: 1, promotedVersion: 2, changed: true }, pairedItem: { item: 0 } },
			{ json: { version: 'latest', error: 'Version must be a whole number of at least 0, got "latest"' }, pairedItem: { item: 1 } },
		]);
		expect((await openModelStore(defaultModelStoreFolder()).promotedVersion(MODEL)).version).toBe(2);
	});

	it('answers "training in progress" to a retrain started while another runs', async () => {
		const { workflow } = loadWorkflowFixture('feedback-retrain.workflow.json');
		const runs = await Promise.all([runWorkflow(workflow), runWorkflow(workflow)]);
		expect(runs.map((run) => run.status).sort()).toEqual(['error', 'success']);
		const failed = runs.find((run) => run.status === 'error')!;
		expect(failed.error?.message).toMatch(new RegExp(`^Training in progress: model "${MODEL}" is being retrained by process ${process.pid} `));
		expect(failed.error?.description).toBe('Set "If Training Is in Progress" to "Wait" to queue behind the running retrain.');
	});

	it('skips a retrain with "Skip Without New Feedback" until new feedback comes in', async () => {
		const { workflow } = loadWorkflowFixture('feedback-retrain.workflow.json');
		const retrainNode = workflow.nodes.find((node) => node.name === 'Retrain')!;
		retrainNode.parameters = { ...retrainNode.parameters, options: { skipWithoutNewFeedback: true } };
		const store = openModelStore(defaultModelStoreFolder());
		const versions = (await store.listVersions(MODEL)).length;
		const { version: promoted } = await store.promotedVersion(MODEL);

		const skipped = await runWorkflow(workflow);
		expect(skipped.outputs['Retrain'][0]).toEqual([
			expect.objectContaining({
				json: { model: MODEL, skipped: true, reason: `no feedback recorded since version ${versions} was trained`, promotedVersion: promoted },
			}),
		]);
		expect(await store.listVersions(MODEL)).toHaveLength(versions);

		await store.recordFeedback(MODEL, [{ text: 'can I speak to someone please', correctLabel: 'talk_to_human' }]);
		const retrained = await runWorkflow(workflow);
		expect(retrained.outputs['Retrain'][0][0].json).toMatchObject({ candidateVersion: versions + 1, data: { feedbackThrough: expect.any(Number) } });
		expect(retrained.outputs['Retrain'][0][0].json.skipped).toBeUndefined();
	});

	it('refuses a Feedback Weight or Tolerance an expression gives out of bounds, per item, before training', async () => {
		const { workflow } = loadWorkflowFixture('feedback-retrain.workflow.json');
		const retrainNode = workflow.nodes.find((node) => node.name === 'Retrain')!;
		retrainNode.parameters = { ...retrainNode.parameters, tolerance: '={{ $json.tolerance ?? 1 }}', options: { feedbackWeight: '={{ $json.weight }}' } };
		const input = [{ json: { weight: Number.NaN } }, { json: { weight: 'abc' } }, { json: { weight: -1 } }, { json: { weight: 1.5 } }, { json: { tolerance: 'abc' } }];
		const errors = [
			...['NaN', '"abc"', '-1', '1.5'].map((shown) => `Feedback Weight must be a whole number from 1 to 20, got ${shown}`),
			'Tolerance must be a number from 0 to 1, got "abc"',
		];
		const versions = (await openModelStore(defaultModelStoreFolder()).listVersions(MODEL)).length;
		const stopped = await runWorkflow(workflow, { input });
		expect(stopped.error?.message).toBe(errors[0]);
		retrainNode.onError = 'continueRegularOutput';
		const continued = await runWorkflow(workflow, { input });
		expect(continued.outputs.Retrain[0]).toEqual(input.map(({ json }, item) => ({ json: { ...json, error: errors[item] }, pairedItem: { item } })));
		expect((await openModelStore(defaultModelStoreFolder()).listVersions(MODEL)).length).toBe(versions);
	});

	it('keeps the items’ binary data (an e-mail’s attachments) on recorded feedback and on error items under Continue On Fail', async () => {
		const attachment = { data: Buffer.from('invoice').toString('base64'), mimeType: 'text/plain', fileName: 'invoice.txt' };
		const record = loadWorkflowFixture('feedback-record-continue-on-fail.workflow.json').workflow;
		const feedback = [
			{ model: MODEL, text: 'hello again', label: 'greeting' },
			{ model: MODEL, text: '  ', label: 'refund' },
			{ model: 'no-such-model', text: 'hi', label: 'greeting' },
		];
		const recorded = await runWorkflow(record, { input: feedback.map((json) => ({ json, binary: { attachment } })) });
		const rollBack = loadWorkflowFixture('feedback-rollback.workflow.json').workflow;
		const rollBackNode = rollBack.nodes.find((node) => node.name === 'Roll Back')!;
		rollBackNode.parameters = { ...rollBackNode.parameters, version: '={{ $json.version }}' };
		rollBackNode.onError = 'continueRegularOutput';
		const rolledBack = await runWorkflow(rollBack, { input: [{ json: { version: 'latest' }, binary: { attachment } }] });
		const items = [...recorded.outputs['Record Feedback'][0], ...rolledBack.outputs['Roll Back'][0]];
		expect(items.map(({ json, binary }) => [Object.keys(json).at(-1), binary?.attachment?.fileName])).toEqual([
			['feedback', 'invoice.txt'],
			...Array.from({ length: 3 }, () => ['error', 'invoice.txt']),
		]);
	});
});
