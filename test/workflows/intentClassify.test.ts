import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { TINY_LABELS, writeTinySequenceClassifier } from '../../core/model/testing/tinySequenceClassifier';
import { openModelStore, retrainModel } from '../../core/store';
import { pruneExamplesCopies } from '../../core/store/examplesCopies';
import { assertFixtureExpectations, loadWorkflowFixture, runWorkflow, runWorkflowFixture, type WorkflowJson, type WorkflowRun } from '../harness';
import { mayMount, mountReadOnly } from '../support/mounts';

let storeFolder: string;

beforeAll(async () => {
	storeFolder = await mkdtemp(join(tmpdir(), 'intent-classify-store-'));
});
afterAll(async () => {
	await rm(storeFolder, { recursive: true, force: true });
});

/** The fixture's workflow with Intent Classify's parameters changed. */
function withIntentParameters(file: string, parameters: INodeParameters): WorkflowJson {
	const { workflow } = loadWorkflowFixture(file);
	const node = workflow.nodes.find(({ name }) => name === 'Intent Classify')!;
	node.parameters = { ...node.parameters, ...parameters };
	return workflow;
}

const intentOf = (item: { json: Record<string, unknown> }) => item.json.intent as Record<string, unknown>;

describe('Intent Classify: intents typed in the node', () => {
	it('trains on first use and routes zh and en messages to one branch per intent, empty text to Fallback', async () => {
		const run = await runWorkflowFixture('intent-examples-branches.workflow.json', {});
		assertFixtureExpectations(run);
	});

	it('keeps the trained model in the model store and reuses it (same fingerprint, same version)', async () => {
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', { modelStoreFolder: storeFolder });
		const input = [{ json: { message: 'where is my parcel' } }];
		const first = await runWorkflow(workflow, { input });
		const second = await runWorkflow(workflow, { input });
		const version = (intentOf(first.outputs['Intent Classify'][0][0]).model as { version: string }).version;
		expect((intentOf(second.outputs['Intent Classify'][0][0]).model as { version: string }).version).toBe(version);
		expect(await readdir(join(storeFolder, 'examples'))).toEqual([version]);
	});

	it('trains again when the model it kept was left incomplete or corrupt', async () => {
		const kept = await mkdtemp(join(tmpdir(), 'intent-classify-kept-'));
		const input = [{ json: { message: 'where is my parcel' } }];
		await runWorkflow(withIntentParameters('intent-examples-branches.workflow.json', { modelStoreFolder: kept }), { input });
		const [fingerprint] = await readdir(join(kept, 'examples'));
		const damages: Record<string, (folder: string) => Promise<void>> = {
			'model.json deleted': (folder) => rm(join(folder, 'model.json')),
			'model.json cut short': (folder) => writeFile(join(folder, 'model.json'), '{"labels": ["track_'),
			'model.onnx corrupt': (folder) => writeFile(join(folder, 'model.onnx'), 'not an onnx file'),
		};
		for (const [damage, apply] of Object.entries(damages)) {
			const store = await mkdtemp(join(tmpdir(), 'intent-classify-damaged-'));
			await cp(join(kept, 'examples'), join(store, 'examples'), { recursive: true });
			await apply(join(store, 'examples', fingerprint));
			const run = await runWorkflow(withIntentParameters('intent-examples-branches.workflow.json', { modelStoreFolder: store }), { input });
			expect([damage, run.error?.message]).toEqual([damage, undefined]);
			expect(intentOf(run.outputs['Intent Classify'][0][0]).label).toBe('track_order');
			expect(await readdir(join(store, 'examples'))).toEqual([fingerprint]);
			await rm(store, { recursive: true, force: true });
		}
		await rm(kept, { recursive: true, force: true });
	});

	it('keeps the items’ binary data (an e-mail’s attachments) on every branch, Fallback and errors included', async () => {
		const attachment = { data: Buffer.from('invoice').toString('base64'), mimeType: 'text/plain', fileName: 'invoice.txt' };
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {});
		workflow.nodes.find(({ name }) => name === 'Intent Classify')!.onError = 'continueRegularOutput';
		const input = ['where is my parcel', '', ['not', 'text']].map((message) => ({ json: { message }, binary: { attachment } }));
		const run = await runWorkflow(workflow, { input });
		const [trackOrder, , , fallback] = run.outputs['Intent Classify'];
		expect(trackOrder.map(({ json }) => intentOf({ json }).label)).toEqual(['track_order']);
		expect(fallback.map(({ json }) => Object.keys(json))).toEqual([
			['message', 'intent'],
			['message', 'error'],
		]);
		expect([...trackOrder, ...fallback].map(({ binary }) => binary?.attachment?.fileName)).toEqual(['invoice.txt', 'invoice.txt', 'invoice.txt']);
	});

	it('sends a message about something else to Fallback, unless the margin or threshold options say otherwise', async () => {
		const input = ['what is the weather like tomorrow', '今天天气怎么样', 'where is my parcel'].map((message) => ({ json: { message } }));
		const routed = async (options: INodeParameters) => {
			const run = await runWorkflow(withIntentParameters('intent-examples-branches.workflow.json', { options }), { input });
			return run.outputs['Intent Classify'].map((branch) => branch.map(({ json }) => [json.message, intentOf({ json }).reason ?? null]));
		};
		// A few typed examples leave too little validation to choose thresholds on: the margin floor applies.
		expect(await routed({})).toEqual([
			[['where is my parcel', null]],
			[],
			[],
			[
				['what is the weather like tomorrow', 'ambiguous'],
				['今天天气怎么样', 'ambiguous'],
			],
		]);
		const overridden = await routed({ ambiguityMargin: 0, confidenceThreshold: 0.9 });
		expect(overridden.slice(0, 3).flat()).toEqual([]);
		expect(overridden[3].map(([, reason]) => reason)).toEqual(['low_confidence', 'low_confidence', 'low_confidence']);
		expect((await routed({ ambiguityMargin: 0 }))[3]).toEqual([]);
	});

	it('refuses a Field Name that an expression made no text of (it wrote a field named "[object Object]")', async () => {
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', { options: { fieldName: '={{ { name: "intent" } }}' } });
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'where is my parcel' } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Field Name must be text, got an object');
	});

	it('refuses a list with a nameless or example-less intent, naming it', async () => {
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {
			intents: { intent: [{ name: 'a', examples: 'hello' }, { name: 'b', examples: '' }] },
		});
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'hi' } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Intent "b" has no example phrases');
	});
});

describe('Intent Classify: copies of typed-examples models in the model store', () => {
	const input = [{ json: { message: 'where is my parcel' } }, { json: { message: '我要退款' } }];
	const DAY = 24 * 3600_000;
	const inStore = (modelStoreFolder: string) => withIntentParameters('intent-examples-branches.workflow.json', { modelStoreFolder });
	const lastUsed = async (folder: string) => (await stat(folder)).mtimeMs;
	const setLastUsed = (folder: string, time: number) => utimes(folder, new Date(time), new Date(time));
	const intents = (run: WorkflowRun) => run.outputs['Intent Classify'].flat().map(intentOf);
	let store: string;

	beforeEach(async () => {
		store = await mkdtemp(join(tmpdir(), 'intent-classify-copies-'));
	});
	afterEach(async () => {
		await rm(store, { recursive: true, force: true });
	});

	it('deletes copies unused for a day beyond the 32 most recently used when it trains a new one, not one loaded here', async () => {
		expect((await runWorkflow(inStore(store), { input })).error).toBeUndefined();
		const examples = join(store, 'examples');
		const [loaded] = await readdir(examples);
		// Copies of other examples (the same files serve), unused for 2 to 41 days; the loaded one for 100.
		const unused = Array.from({ length: 40 }, (_, i) => (0xa000 + i).toString(16).padStart(16, '0'));
		for (const [i, name] of unused.entries()) {
			await cp(join(examples, loaded), join(examples, name), { recursive: true });
			await setLastUsed(join(examples, name), Date.now() - (2 + i) * DAY);
		}
		await setLastUsed(join(examples, loaded), Date.now() - 100 * DAY);

		// The examples edited: a new copy, the 31 copies used last before it kept, the loaded one kept.
		const edited = inStore(store);
		const intentList = (edited.nodes.find(({ name }) => name === 'Intent Classify')!.parameters.intents as { intent: Array<{ examples: string }> })
			.intent;
		intentList[0].examples += '\nparcel status please';
		const run = await runWorkflow(edited, { input });
		expect(run.error).toBeUndefined();
		const created = (intentOf(run.outputs['Intent Classify'][0][0]).model as { version: string }).version;
		expect((await readdir(examples)).sort()).toEqual([loaded, created, ...unused.slice(0, 31)].sort());

		// Used again (loaded here already): recorded, so no other process deletes it.
		await runWorkflow(inStore(store), { input });
		expect(await lastUsed(join(examples, loaded))).toBeGreaterThan(Date.now() - DAY);
	});

	it('a copy deleted while loaded keeps classifying here; a process without it loaded trains it again, predicting the same', async () => {
		const first = await runWorkflow(inStore(store), { input });
		const [fingerprint] = await readdir(join(store, 'examples'));
		await rm(join(store, 'examples', fingerprint), { recursive: true });

		const fromMemory = await runWorkflow(inStore(store), { input });
		expect(fromMemory.error).toBeUndefined();
		expect(intents(fromMemory)).toEqual(intents(first));

		// The same store reached by another path: this process has no model loaded for it, as another n8n.
		const otherPath = `${store}-link`;
		await symlink(store, otherPath);
		try {
			const retrained = await runWorkflow(inStore(otherPath), { input });
			expect(retrained.error).toBeUndefined();
			expect(intents(retrained)).toEqual(intents(first));
			expect(await readdir(join(store, 'examples'))).toEqual([fingerprint]);
		} finally {
			await rm(otherPath);
		}
	});

	(mayMount('the read-only typed-examples store test') ? it : it.skip)(
		'classifies with a copy kept in a read-only store, changing nothing there',
		async () => {
			const expected = await runWorkflow(inStore(store), { input });
			const examples = join(store, 'examples');
			const [kept] = await readdir(examples);
			const unused = Array.from({ length: 40 }, (_, i) => (0xb000 + i).toString(16).padStart(16, '0'));
			for (const name of [kept, ...unused]) {
				if (name !== kept) await cp(join(examples, kept), join(examples, name), { recursive: true });
				await setLastUsed(join(examples, name), Date.now() - 100 * DAY);
			}
			const before = await Promise.all([kept, ...unused].map((name) => lastUsed(join(examples, name))));
			const readOnly = mountReadOnly(store);
			try {
				const run = await runWorkflow(inStore(readOnly.folder), { input });
				expect(run.error).toBeUndefined();
				expect(intents(run)).toEqual(intents(expected));
				expect(await pruneExamplesCopies(join(readOnly.folder, 'examples'))).toEqual([]);
			} finally {
				readOnly.unmount();
			}
			expect((await readdir(examples)).sort()).toEqual([kept, ...unused].sort());
			expect(await Promise.all([kept, ...unused].map((name) => lastUsed(join(examples, name))))).toEqual(before);
		},
	);
});

describe('Intent Classify: built-in support-zh-en model', () => {
	const builtIn = (parameters: INodeParameters) =>
		withIntentParameters('intent-examples-branches.workflow.json', {
			modelSource: 'builtIn',
			builtInModel: 'support-zh-en',
			branchIntents: ['track_order', 'get_refund', 'greeting'],
			...parameters,
		});

	it('routes chosen intents to their branches, other intents to Other, in one batch', async () => {
		const run = await runWorkflow(builtIn({}), {
			input: [
				{ json: { message: '我的快递到哪了？' } },
				{ json: { message: 'I want my money back for this order' } },
				{ json: { message: '如何更换支付方式？' } },
				{ json: { message: '你好' } },
				{ json: { message: '' } },
			],
		});
		const [track, refund, greeting, other, fallback] = run.outputs['Intent Classify'];
		expect(track.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }]);
		expect(refund.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 1 }]);
		expect(greeting.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 3 }]);
		expect(other.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 2 }]);
		expect(intentOf(other[0])).toMatchObject({ label: 'change_payment_method', isFallback: false, language: 'zh' });
		expect(intentOf(refund[0])).toMatchObject({ language: 'en', model: { name: 'support-zh-en', version: '1' } });
		expect(fallback.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 4 }]);
	});

	it('puts every item on one output in single-output mode, with top-k and a custom field name', async () => {
		const run = await runWorkflow(builtIn({ outputMode: 'single', options: { fieldName: 'nlu', topK: 5 } }), {
			input: [{ json: { message: '我要退款' } }, { json: { message: 'track my order please' } }],
		});
		expect(run.outputs['Intent Classify']).toHaveLength(1);
		const [items] = run.outputs['Intent Classify'];
		expect(items.map(({ json }) => (json.nlu as { label: string }).label)).toEqual(['get_refund', 'track_order']);
		expect((items[0].json.nlu as { topK: unknown[] }).topK).toHaveLength(5);
	});

	it('classifies a fixed text (no expression) for every item', async () => {
		const run = await runWorkflow(builtIn({ outputMode: 'single', text: 'I want my money back for this order' }), {
			input: [{ json: { message: '你好' } }, { json: { message: 'track my order please' } }],
		});
		const [items] = run.outputs['Intent Classify'];
		expect(items.map(({ json }) => [json.message, intentOf({ json }).label])).toEqual([
			['你好', 'get_refund'],
			['track my order please', 'get_refund'],
		]);
	});

	it('stringifies numbers and rejects objects with an error naming the item (continue on fail keeps the rest)', async () => {
		const workflow = builtIn({ text: '={{ $json.message }}' });
		workflow.nodes.find(({ name }) => name === 'Intent Classify')!.onError = 'continueRegularOutput';
		const run = await runWorkflow(workflow, {
			input: [{ json: { message: { nested: true } } }, { json: { message: 12345 } }, { json: { message: '在吗' } }],
		});
		const all = run.outputs['Intent Classify'].flat();
		expect(all).toHaveLength(3);
		const failed = all.find(({ pairedItem }) => (pairedItem as { item: number }).item === 0)!;
		expect(failed.json.error).toBe('Text to classify must be a string, got an object');
		const number = all.find(({ pairedItem }) => (pairedItem as { item: number }).item === 1)!;
		expect(intentOf(number)).toHaveProperty('label');
	});

	it('reads a `$json` field path as n8n evaluates it: strings directly, anything else through n8n', async () => {
		const input = [
			{ json: { body: { text: 'where is my order? I want to track it' } } },
			{ json: { body: { text: 12345 } } },
			{ json: { body: { text: { nested: true } } } },
			{ json: { body: {} } },
			{ json: { body: null } },
			{ json: {} },
			{ json: { body: { text: '我要退款' } } },
		];
		const outputsFor = async (text: string) => {
			const workflow = builtIn({ outputMode: 'single', text });
			workflow.nodes.find(({ name }) => name === 'Intent Classify')!.onError = 'continueRegularOutput';
			return (await runWorkflow(workflow, { input })).outputs['Intent Classify'];
		};
		// The bracket form is not a plain field path, so n8n evaluates it for every item.
		const evaluatedByN8n = await outputsFor("={{ $json['body']['text'] }}");
		expect(await outputsFor('={{ $json.body.text }}')).toEqual(evaluatedByN8n);
		const outcome = ({ json }: { json: Record<string, unknown> }) => {
			const intent = json.intent as { label: string; reason?: string } | undefined;
			return json.error ?? intent?.reason ?? intent?.label;
		};
		expect(evaluatedByN8n[0].map(outcome)).toEqual([
			'track_order',
			expect.any(String),
			'Text to classify must be a string, got an object',
			'empty_text',
			'empty_text',
			'empty_text',
			'get_refund',
		]);
	});

	it('stops on a non-string message without continue on fail, naming the item', async () => {
		const run = await runWorkflow(builtIn({}), { input: [{ json: { message: 'ok' } }, { json: { message: ['a'] } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Text to classify must be a string, got an array');
		expect((run.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('reports the language of the words, not of a URL, e-mail address or order id in the message', async () => {
		const run = await runWorkflow(builtIn({ outputMode: 'single' }), {
			input: [
				{ json: { message: '订单JD20240501123456到哪了' } },
				{ json: { message: '我的订单 https://shop.example.com/orders/track 还没到' } },
				{ json: { message: '发票请发到 zhangsan.wang@example.com 谢谢' } },
				{ json: { message: '我的order还没到' } },
			],
		});
		expect(run.outputs['Intent Classify'][0].map(({ json }) => intentOf({ json }).language)).toEqual(['zh', 'zh', 'zh', 'mixed']);
	});

	it('sends a message with nothing to read (only punctuation) to Fallback, not to an intent', async () => {
		const run = await runWorkflow(builtIn({}), { input: [{ json: { message: '???' } }, { json: { message: '。。。！' } }] });
		const fallback = run.outputs['Intent Classify'][4];
		expect(fallback.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(intentOf(fallback[0])).toMatchObject({ isFallback: true, reason: 'empty_text' });
	});

	it('gives missing, blank and punctuation-only messages one Fallback result: the out-of-scope label, language unknown', async () => {
		const run = await runWorkflow(builtIn({}), {
			input: [{ json: {} }, { json: { message: '   ' } }, { json: { message: '???' } }],
		});
		const fallback = run.outputs['Intent Classify'][4];
		expect(fallback.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of fallback) {
			expect(intentOf(item)).toMatchObject({
				label: 'out_of_scope',
				isFallback: true,
				reason: 'empty_text',
				language: 'unknown',
				model: { name: 'support-zh-en' },
			});
		}
		expect(new Set(fallback.map((item) => Object.keys(intentOf(item)).join()))).toHaveProperty('size', 1);
	});

	it('classifies every item when the Batch Size option evaluates to no number', async () => {
		const input = [{ json: { message: '我要退款' } }, { json: { message: 'track my order please' } }];
		for (const batchSize of ['={{ 0 / 0 }}', '={{ "all" }}']) {
			const run = await runWorkflow(builtIn({ outputMode: 'single', options: { batchSize } }), { input });
			expect(run.outputs['Intent Classify'][0].map(({ json }) => intentOf({ json }).label)).toEqual(['get_refund', 'track_order']);
		}
	});

	it('classifies a 1 MB message without hanging (the featurizer cuts it)', async () => {
		const huge = '我的快递到哪了 '.repeat(130_000);
		const started = Date.now();
		const run = await runWorkflow(builtIn({ outputMode: 'single' }), { input: [{ json: { message: huge } }] });
		expect(intentOf(run.outputs['Intent Classify'][0][0]).label).toBe('track_order');
		expect(Date.now() - started).toBeLessThan(30_000);
	});

	it('refuses a Top K an expression gives as no whole number of at least 1, failing every item; reads numeric text', async () => {
		const input = [{ json: { message: '我要退款' } }, { json: { message: 'track my order please' } }];
		const bad = { '={{ 0 / 0 }}': 'NaN', '={{ "abc" }}': '"abc"', '={{ -1 }}': '-1', '={{ 1.5 }}': '1.5' };
		for (const [topK, shown] of Object.entries(bad)) {
			const error = `Top K must be a whole number of at least 1, got ${shown}`;
			const workflow = builtIn({ outputMode: 'single', options: { topK } });
			const stopped = await runWorkflow(workflow, { input });
			expect(stopped.error?.message).toBe(error);
			workflow.nodes.find(({ name }) => name === 'Intent Classify')!.onError = 'continueRegularOutput';
			const continued = await runWorkflow(workflow, { input });
			expect(continued.outputs['Intent Classify'][0]).toEqual(input.map(({ json }, item) => ({ json: { ...json, error }, pairedItem: { item } })));
		}
		const run = await runWorkflow(builtIn({ outputMode: 'single', options: { topK: '={{ "2" }}' } }), { input });
		expect(run.outputs['Intent Classify'][0].map((item) => (intentOf(item).topK as unknown[]).length)).toEqual([2, 2]);
	});
});

describe('Intent Classify: a model trained by Feedback & Retrain', () => {
	it('uses the promoted version and picks up a newly promoted one on the next execution', async () => {
		const store = openModelStore(storeFolder);
		const examples = ['where is my order', 'track my parcel', 'has my package shipped', '快递到哪了', '查物流'].flatMap((text) => [
			{ text, label: 'shipping' },
			{ text: `refund ${text.length}`, label: 'refund' },
		]);
		await store.createModel('tickets', examples, { source: 'test' });
		await retrainModel(store, 'tickets');
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {
			modelSource: 'trained',
			trainedModel: 'tickets',
			modelStoreFolder: storeFolder,
			outputMode: 'single',
		});
		const input = [{ json: { message: 'where is my parcel' } }];
		const first = intentOf((await runWorkflow(workflow, { input })).outputs['Intent Classify'][0][0]);
		expect(first).toMatchObject({ label: 'shipping', model: { name: 'tickets', version: '1' } });

		await store.recordFeedback('tickets', [{ text: 'where is my parcel', predictedLabel: 'shipping', correctLabel: 'parcel_question' }]);
		const retrained = await retrainModel(store, 'tickets', { tolerance: 1 });
		expect(retrained.promoted).toBe(true);
		const second = intentOf((await runWorkflow(workflow, { input })).outputs['Intent Classify'][0][0]);
		expect(second).toMatchObject({ label: 'parcel_question', model: { name: 'tickets', version: '2' } });
	});

	it('names the known models when the chosen one does not exist', async () => {
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {
			modelSource: 'trained',
			trainedModel: 'nope',
			modelStoreFolder: storeFolder,
		});
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'hi' } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/nope/);
	});

	it('with continue on fail, sends every item to Fallback with the error when the model cannot be loaded', async () => {
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {
			modelSource: 'trained',
			trainedModel: 'nope',
			modelStoreFolder: storeFolder,
			branchIntents: ['shipping'],
		});
		workflow.nodes.find(({ name }) => name === 'Intent Classify')!.onError = 'continueRegularOutput';
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'where is my parcel' } }, { json: { message: 'hi' } }] });
		const [shipping, other, fallback] = run.outputs['Intent Classify'];
		expect([shipping, other]).toEqual([[], []]);
		expect(fallback.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fallback[1].json).toEqual({ message: 'hi', error: expect.stringMatching(/nope/) });
	});
});

describe('Intent Classify: Hugging Face ONNX export', () => {
	it('classifies with a sequence-classification export, routing through the chosen branches', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'hf-tiny-'));
		await writeTinySequenceClassifier(folder);
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {
			modelSource: 'huggingFace',
			huggingFaceFolder: folder,
			branchIntents: ['order_status', 'refund'],
		});
		const run = await runWorkflow(workflow, {
			input: [{ json: { message: 'where is my order?' } }, { json: { message: '我要退钱' } }, { json: { message: 'hello!' } }],
		});
		const [orders, refunds, other, fallback] = run.outputs['Intent Classify'];
		expect(orders.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }]);
		expect(refunds.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 1 }]);
		expect(other.map(({ json }) => (json.intent as { label: string }).label)).toEqual([TINY_LABELS[2]]);
		expect(fallback).toEqual([]);
		expect(intentOf(orders[0]).model).toMatchObject({ name: folder.split('/').pop() });
		await rm(folder, { recursive: true, force: true });
	});

	it('sends an export’s out-of-scope label (CLINC150’s "oos") to Fallback, not to a branch of its own', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'hf-oos-'));
		await writeTinySequenceClassifier(folder);
		const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8'));
		config.id2label = { 0: TINY_LABELS[0], 1: TINY_LABELS[1], 2: 'oos' };
		await writeFile(join(folder, 'config.json'), JSON.stringify(config));
		const workflow = withIntentParameters('intent-examples-branches.workflow.json', {
			modelSource: 'huggingFace',
			huggingFaceFolder: folder,
			branchIntents: ['order_status', 'oos'],
		});
		const run = await runWorkflow(workflow, { input: [{ json: { message: 'where is my order?' } }, { json: { message: 'hello!' } }] });
		const [orders, oos, other, fallback] = run.outputs['Intent Classify'];
		expect(orders.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }]);
		expect([oos, other]).toEqual([[], []]);
		expect(fallback.map(({ json }) => intentOf({ json }))).toEqual([
			expect.objectContaining({ label: 'oos', isFallback: true, reason: 'out_of_scope_label' }),
		]);
		await rm(folder, { recursive: true, force: true });
	});
});

describe('Intent Classify: model files', () => {
	it('names the folder when a Hugging Face export is missing its files', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'hf-incomplete-'));
		await writeFile(join(folder, 'config.json'), '{}');
		const run = await runWorkflow(
			withIntentParameters('intent-examples-branches.workflow.json', { modelSource: 'huggingFace', huggingFaceFolder: folder }),
			{ input: [{ json: { message: 'hi' } }] },
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('model.onnx');
		expect(run.error?.message).toContain(folder);
		await rm(folder, { recursive: true, force: true });
	});

	it('names the file when a trained model in the store is corrupt', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'corrupt-model-'));
		await cp(join(__dirname, '../../models/banking-en'), folder, { recursive: true });
		await writeFile(join(folder, 'model.onnx'), 'not an onnx file');
		const { TextClassifier } = await import('../../core');
		await expect(TextClassifier.load(folder)).rejects.toThrow(join(folder, 'model.onnx'));
		await rm(folder, { recursive: true, force: true });
	});
});
