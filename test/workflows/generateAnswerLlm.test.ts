import { Tokenizer } from '@huggingface/tokenizers';
import type { INodeParameters, INodeExecutionData } from 'n8n-workflow';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadLocalLlm } from '../../core/generation/llm/localLlm';
import { openSession } from '../../core/model/sessions';
import { buildChatMessages } from '../../core/generation/prompt';
import type { Fact, GenerationInput, ReplyLanguage } from '../../core/generation/types';
import { fixtureMismatches, loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../harness';
import { greedyWithoutCache, writeTinyModelFolder, type TinyModelFolder } from './generateAnswer.tinyDecoder';

const FIXTURE = 'generate-llm.workflow.json';
let root: string;
let tiny: TinyModelFolder;

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'generate-llm-'));
	tiny = await writeTinyModelFolder(path.join(root, 'tiny-decoder'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The fixture's workflow with Generate Answer pointed at a model folder and given extra options. */
function workflowWith(modelFolder: string, options: Record<string, unknown> = {}, onError?: 'continueRegularOutput'): WorkflowJson {
	const { workflow } = loadWorkflowFixture(FIXTURE);
	const node = workflow.nodes.find((candidate) => candidate.name === 'Generate Answer')!;
	node.parameters.modelFolder = modelFolder;
	node.parameters.options = { ...(node.parameters.options as INodeParameters), ...(options as INodeParameters) };
	if (onError) node.onError = onError;
	return workflow;
}

/** What the node reads from a KG Query item, rebuilt to compute the reference reply independently. */
function generationInput(item: INodeExecutionData): GenerationInput {
	const json = item.json as { message: string; intent: { label: string; language: ReplyLanguage }; kg: { facts: Fact[]; paths: string[][] } };
	return { question: json.message, intent: json.intent.label, language: json.intent.language, facts: json.kg.facts, paths: json.kg.paths, item: item.json };
}

/** The reply greedy decoding without a KV cache gives for the prompt the node builds for this item. */
async function referenceReply(item: INodeExecutionData, maxNewTokens: number): Promise<string> {
	const llm = await loadLocalLlm(tiny.folder, 'cpu', () => {});
	const promptIds = llm.encode(llm.renderPrompt(buildChatMessages(generationInput(item))));
	const { session } = await openSession(path.join(tiny.folder, 'model.onnx'));
	const stops = new Set([tiny.ids['<|im_end|>'], tiny.ids['<|endoftext|>']]);
	const { tokens } = await greedyWithoutCache(session, promptIds, maxNewTokens, stops);
	const tokenizer = new Tokenizer(JSON.parse(await readFile(path.join(tiny.folder, 'tokenizer.json'), 'utf8')), {});
	return tokenizer.decode(tokens, { skip_special_tokens: true }).trim();
}

describe('Generate Answer: local ONNX LLM', () => {
	test('answers zh and en from the facts with the KV-cache decoder; its greedy reply equals a reference decoding without cache', async () => {
		const fixture = loadWorkflowFixture(FIXTURE);
		const run = await runWorkflow(workflowWith(tiny.folder), { input: fixture.test.input });
		expect(fixtureMismatches({ ...run, fixture })).toEqual([]);
		const kgItems = run.outputs['KG Query'][0];
		const answers = run.outputs['Generate Answer'][0].map((item) => item.json.answer as { text: string; rejectedText?: string });
		for (const index of [0, 1]) {
			expect(answers[index].text).toBe(await referenceReply(kgItems[index], 12));
		}
		// A reply of random tokens does not repeat the facts: sent flagged here, for a person to check.
		expect(answers[0].text).not.toBe(answers[1].text);
	});

	test('by default an ungrounded reply gives way to the template answer and is kept as rejectedText', async () => {
		const fixture = loadWorkflowFixture(FIXTURE);
		const run = await runWorkflow(workflowWith(tiny.folder, { whenUngrounded: 'template' }), { input: fixture.test.input!.slice(0, 1) });
		const kgItem = run.outputs['KG Query'][0][0];
		expect(run.outputs['Generate Answer'][0][0].json.answer).toMatchObject({
			text: expect.stringMatching(/^未付款订单：.*目前支持的支付方式有支付宝、微信支付、银联卡、信用卡、PayPal和货到付款。$/),
			mode: 'template',
			grounded: true,
			needsHuman: false,
			rejectedText: await referenceReply(kgItem, 12),
			model: { name: 'tiny-decoder-test', executionProvider: 'cpu' },
		});
	});

	test('an incomplete model folder is an error naming the missing file; continue-on-fail keeps every item', async () => {
		const broken = path.join(root, 'broken');
		await writeTinyModelFolder(broken);
		await rm(path.join(broken, 'generation_config.json'));
		const { test: fixture } = loadWorkflowFixture(FIXTURE);
		const stopped = await runWorkflow(workflowWith(broken), { input: fixture.input });
		expect(stopped.failedNode).toBe('Generate Answer');
		expect(stopped.error?.message).toMatch(/^Model folder ".*broken" is missing generation_config\.json: export the model with `optimum-cli export onnx/);

		const continued = await runWorkflow(workflowWith(broken, {}, 'continueRegularOutput'), { input: fixture.input });
		const items = continued.outputs['Generate Answer'][0];
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.every((item) => String(item.json.error).includes('is missing generation_config.json'))).toBe(true);
	});
});
