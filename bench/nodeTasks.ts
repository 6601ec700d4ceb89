/**
 * Nodes executed as a workflow runs them: Manual Trigger → node, through n8n-core's WorkflowExecute
 * (test/harness), with our nodes loaded from dist/ as n8n loads a community package.
 */
import path from 'node:path';

import type { INodeExecutionData, IDataObject } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE } from '../nodes/shared/modelSourceProperties';
import { loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../test/harness';
import { getRuntime } from '../test/harness/runtime';
import { banking77Split, builtCore, chnSentiCorp, cycle, REPO_ROOT } from './data';
import { median, peakRssMb, percentile, rssMb, timed } from './measure';

export interface SizeResult {
	itemsPerExecution: number;
	executions: number;
	itemsPerSecond: number;
	/** Items per second of CPU time (the process's, all threads): the one-core rate, steadier under load. */
	itemsPerCpuSecond: number;
	p50Ms: number;
	p99Ms: number;
}

export interface NodeResult {
	node: string;
	messages: string;
	runtimeLoadMs: number;
	rssAfterRuntimeMb: number;
	coldFirstExecutionMs: number;
	coldFirstExecutionCpuMs: number;
	sizes: SizeResult[];
	peakRssMb: number;
	breakdown?: Breakdown;
}

/** Where one 10,000-item Intent Classify execution spends its CPU time (medians of the timed executions). */
export interface Breakdown {
	items: number;
	executionMs: number;
	nodeExecuteMs: number;
	featurizeMs: number;
	onnxAndDecisionMs: number;
	n8nOverheadMs: number;
}

interface Scenario {
	nodeName: string;
	node: IDataObject;
	items: (count: number) => INodeExecutionData[];
	messages: string;
	/** [items per execution, timed executions] */
	sizes: Array<[number, number]>;
}

function triggerThen(node: IDataObject): WorkflowJson {
	const trigger = 'When clicking ‘Execute workflow’';
	return {
		name: `bench ${String(node.name)}`,
		nodes: [
			{ id: 'trigger', name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'node', position: [220, 0], typeVersion: 1, ...node } as WorkflowJson['nodes'][number],
		],
		connections: { [trigger]: { main: [[{ node: String(node.name), type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const asItems = (texts: string[]): INodeExecutionData[] => texts.map((text) => ({ json: { text } }));

async function intentScenario(): Promise<Scenario> {
	const { train } = await banking77Split();
	const texts = train.map((example) => example.text);
	return {
		nodeName: 'Intent Classify',
		node: {
			name: 'Intent Classify',
			type: 'n8n-nodes-support-ai.intentClassify',
			parameters: { modelSource: 'builtIn', builtInModel: 'banking-en', text: '={{ $json.text }}', outputMode: 'single', options: {} },
		},
		items: (count) => asItems(cycle(texts, count)),
		messages: 'BANKING77 train.csv messages, built-in banking-en model',
		sizes: [
			[1, 300],
			[64, 100],
			[10_000, 5],
		],
	};
}

/**
 * n8n's own Edit Fields (Set) node copying the same `{{ $json.text }}` per item: what n8n costs a node
 * that evaluates a per-item expression, and the floor under Intent Classify's memory.
 */
async function n8nBaselineScenario(): Promise<Scenario> {
	const intent = await intentScenario();
	return {
		...intent,
		nodeName: 'Edit Fields',
		node: {
			name: 'Edit Fields',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				assignments: { assignments: [{ id: 'text', name: 'copy', value: '={{ $json.text }}', type: 'string' }] },
				includeOtherFields: true,
				options: {},
			},
		},
		messages: 'the same BANKING77 messages; one `{{ $json.text }}` field set per item',
	};
}

async function sentimentScenario(): Promise<Scenario> {
	const texts = (await chnSentiCorp('train.tsv')).map((example) => example.text);
	return {
		nodeName: 'Sentiment',
		node: {
			name: 'Sentiment',
			type: 'n8n-nodes-support-ai.sentiment',
			parameters: { modelSource: 'builtIn', text: '={{ $json.text }}', outputMode: 'single', options: {} },
		},
		items: (count) => asItems(cycle(texts, count)),
		messages: 'ChnSentiCorp train.tsv messages (Chinese), built-in models',
		sizes: [
			[1, 100],
			[64, 30],
			[10_000, 3],
		],
	};
}

function kgScenario(): Scenario {
	// The e-commerce demo graph's own workflow fixture: its questions (zh/en) with their intents.
	const { workflow, test } = loadWorkflowFixture('kg-answer-ecommerce.workflow.json');
	const node = workflow.nodes.find((candidate) => candidate.name === 'KG Query')!;
	const questions = test.input ?? [];
	return {
		nodeName: 'KG Query',
		node: { name: node.name, type: node.type, parameters: node.parameters },
		items: (count) => Array.from({ length: count }, (_, i) => structuredClone(questions[i % questions.length])),
		messages: `answer question on the embedded e-commerce demo graph (the ${questions.length} questions of kg-answer-ecommerce.workflow.json, cycled)`,
		sizes: [
			[1, 200],
			[64, 50],
			[1_000, 5],
		],
	};
}

async function execute(workflow: WorkflowJson, nodeName: string, input: INodeExecutionData[]) {
	const { ms, cpuMs, value: run } = await timed(() => runWorkflow(workflow, { input }));
	const produced = (run.outputs[nodeName] ?? []).reduce((sum, branch) => sum + branch.length, 0);
	if (run.status !== 'success' || produced !== input.length) {
		throw new Error(`${nodeName}: execution ${run.status}, ${produced}/${input.length} items out: ${run.error?.message ?? ''}`);
	}
	return { ms, cpuMs, nodeExecuteMs: run.runData[nodeName][0].executionTime };
}

const SCENARIOS = { intent: intentScenario, n8nBaseline: n8nBaselineScenario, sentiment: sentimentScenario, kg: kgScenario };
export type NodeScenario = keyof typeof SCENARIOS;

/** Runs one node scenario in this (fresh) process: cold first execution, then each batch size. */
export async function benchNode(which: NodeScenario): Promise<NodeResult> {
	const scenario = await SCENARIOS[which]();
	const workflow = triggerThen(scenario.node);
	const runtime = await timed(() => getRuntime());
	const rssAfterRuntimeMb = rssMb();
	const cold = await execute(workflow, scenario.nodeName, scenario.items(1));

	const sizes: SizeResult[] = [];
	let largest: { input: INodeExecutionData[]; executions: number } | undefined;
	for (const [size, executions] of scenario.sizes) {
		const input = scenario.items(size);
		await execute(workflow, scenario.nodeName, input); // warm-up at this size
		const ms: number[] = [];
		const cpuMs: number[] = [];
		for (let i = 0; i < executions; i++) {
			const run = await execute(workflow, scenario.nodeName, input);
			ms.push(run.ms);
			cpuMs.push(run.cpuMs);
		}
		const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
		sizes.push({
			itemsPerExecution: size,
			executions,
			itemsPerSecond: (size * executions * 1000) / total(ms),
			itemsPerCpuSecond: (size * executions * 1000) / total(cpuMs),
			p50Ms: median(ms),
			p99Ms: percentile(ms, 0.99),
		});
		largest = { input, executions };
	}
	const result: NodeResult = {
		node: scenario.nodeName,
		messages: scenario.messages,
		runtimeLoadMs: runtime.ms,
		rssAfterRuntimeMb,
		coldFirstExecutionMs: cold.ms,
		coldFirstExecutionCpuMs: cold.cpuMs,
		sizes,
		peakRssMb: peakRssMb(),
	};
	if (which === 'intent' && largest) {
		result.breakdown = await intentBreakdown(() => execute(workflow, scenario.nodeName, largest.input), largest);
	}
	return result;
}

/**
 * The core featurizer and classifier.predict timed (CPU) directly on the same batch, subtracted from the
 * node's execution. Each round runs the execution and then the parts, so that all three see the same load
 * on a shared machine (timed one after the other, the parts once took longer than the whole).
 */
async function intentBreakdown(
	executeLargest: () => ReturnType<typeof execute>,
	largest: { input: INodeExecutionData[]; executions: number },
): Promise<Breakdown> {
	// The same build the node runs, so that the parts add up to the node's own code.
	const { Featurizer, TextClassifier } = builtCore();
	const texts = largest.input.map((item) => String(item.json.text));
	const classifier = await TextClassifier.load(path.join(REPO_ROOT, 'models/banking-en'));
	const featurizer = new Featurizer(classifier.manifest.featurizer);
	const executionCpuMs: number[] = [];
	const nodeExecuteMs: number[] = [];
	const featurizeMs: number[] = [];
	const predictMs: number[] = [];
	// As the node calls it: one predict() per node batch (its default size).
	const predictAll = async () => {
		for (let start = 0; start < texts.length; start += DEFAULT_BATCH_SIZE) {
			const batch = texts.slice(start, start + DEFAULT_BATCH_SIZE);
			await classifier.predict(batch, { batchSize: batch.length });
		}
	};
	for (let i = 0; i < largest.executions; i++) {
		const run = await executeLargest();
		executionCpuMs.push(run.cpuMs);
		nodeExecuteMs.push(run.nodeExecuteMs);
		featurizeMs.push((await timed(() => texts.forEach((text) => featurizer.featurize(text)))).cpuMs);
		predictMs.push((await timed(predictAll)).cpuMs);
	}
	const executionMs = median(executionCpuMs);
	return {
		items: texts.length,
		executionMs,
		nodeExecuteMs: median(nodeExecuteMs),
		featurizeMs: median(featurizeMs),
		onnxAndDecisionMs: median(predictMs) - median(featurizeMs),
		n8nOverheadMs: executionMs - median(predictMs),
	};
}
