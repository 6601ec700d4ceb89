/** The benchmark report: tables, peer ratios and the targets (reported, never asserted). */
import type { NodeResult } from './nodeTasks';
import type { ContenderResult } from './trainingTasks';

export interface BenchResults {
	date: string;
	machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string; loadAverageAtStart: number; loadAverageAtEnd: number };
	totalSeconds: number;
	nodes: NodeResult[];
	training: ContenderResult[];
}

const fixed = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = (value: number) => `${(100 * value).toFixed(1)} %`;

interface Target {
	name: string;
	goal: string;
	measured: string;
	met: boolean;
	gap: string;
}

function targets(results: BenchResults): Target[] {
	const intent = results.nodes.find((node) => node.node === 'Intent Classify')!;
	const batch = intent.sizes.at(-1)!;
	const ours = results.training.find((result) => result.data.startsWith('BANKING77') && result.contender.startsWith('support-ai'))!;
	const bayes = results.training.find((result) => result.contender.startsWith('natural'))!;
	const speedup = (ours.predictPerSecond ?? 0) / (bayes.predictPerSecond ?? 1);
	const ratio = (value: number, goal: number, lowerIsBetter: boolean) =>
		lowerIsBetter ? (value <= goal ? 'met' : `${fixed((value / goal - 1) * 100)} % over`) : value >= goal ? 'met' : `${fixed((1 - value / goal) * 100)} % short`;
	return [
		{ name: 'Intent Classify batch throughput (one thread)', goal: '≥ 20,000 items/s', measured: `${fixed(batch.itemsPerSecond)} items/s at ${fixed(batch.itemsPerExecution)} items`, met: batch.itemsPerSecond >= 20_000, gap: ratio(batch.itemsPerSecond, 20_000, false) },
		{ name: 'Intent Classify cold first execution', goal: '< 300 ms', measured: `${fixed(intent.coldFirstExecutionMs)} ms`, met: intent.coldFirstExecutionMs < 300, gap: ratio(intent.coldFirstExecutionMs, 300, true) },
		{ name: 'Intent Classify peak RSS (whole n8n process)', goal: '< 250 MB', measured: `${fixed(intent.peakRssMb)} MB`, met: intent.peakRssMb < 250, gap: ratio(intent.peakRssMb, 250, true) },
		{
			name: 'vs natural Bayes (predict, same messages)',
			goal: '≥ 5× throughput at higher accuracy',
			measured: `${speedup.toFixed(1)}×, accuracy ${percent(ours.accuracy)} vs ${percent(bayes.accuracy)}`,
			met: speedup >= 5 && ours.accuracy > bayes.accuracy,
			gap: speedup >= 5 ? (ours.accuracy > bayes.accuracy ? 'met' : 'accuracy not higher') : `${fixed((1 - speedup / 5) * 100)} % short of 5×`,
		},
		{ name: 'BANKING77 training wall time', goal: '≤ 10 s', measured: `${ours.trainSeconds.toFixed(1)} s`, met: ours.trainSeconds <= 10, gap: ratio(ours.trainSeconds, 10, true) },
	];
}

function table(header: string[], rows: string[][]): string {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function renderReport(results: BenchResults): string {
	const { machine } = results;
	const nodeRows = results.nodes.flatMap((node) =>
		node.sizes.map((size) => [
			node.node,
			fixed(size.itemsPerExecution),
			fixed(size.itemsPerSecond),
			size.p50Ms.toFixed(1),
			size.p99Ms.toFixed(1),
			fixed(node.coldFirstExecutionMs),
			fixed(node.peakRssMb),
		]),
	);
	const ours = results.training.find((result) => result.data.startsWith('BANKING77') && result.contender.startsWith('support-ai'))!;
	const trainingRows = results.training.map((result) => {
		const peer = !result.contender.startsWith('support-ai') && result.predictPerSecond !== undefined;
		return [
			result.contender,
			result.data,
			result.note?.startsWith('skipped') ? '–' : result.trainSeconds.toFixed(1),
			result.note?.startsWith('skipped') ? '–' : percent(result.accuracy),
			result.predictPerSecond ? fixed(result.predictPerSecond) : '–',
			result.peakRssMb ? fixed(result.peakRssMb) : '–',
			peer ? `train ${(ours.trainSeconds / result.trainSeconds).toFixed(2)}×, predict ${((ours.predictPerSecond ?? 0) / result.predictPerSecond!).toFixed(1)}×, accuracy ${((ours.accuracy - result.accuracy) * 100).toFixed(1)} pt` : '',
			result.note ?? '',
		];
	});
	const breakdown = results.nodes.find((node) => node.breakdown)?.breakdown;
	const lines = [
		'# Benchmarks',
		'',
		`\`npm run bench\` (\`bench/run.ts\`), ${results.date.slice(0, 10)}, ${fixed(results.totalSeconds)} s in all. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}.`,
		`The machine was shared with other jobs (load average ${machine.loadAverageAtStart.toFixed(1)} at the start, ${machine.loadAverageAtEnd.toFixed(1)} at the end): absolute numbers are noisy, ratios between contenders measured in the same run are the comparison to trust.`,
		'',
		'## Nodes executed through n8n’s engine',
		'',
		'Manual Trigger → node, run by n8n-core’s `WorkflowExecute` with the package loaded from `dist/` as n8n loads a community package (test/harness). Each node runs in a fresh process; ONNX Runtime uses one thread. Latency is per workflow execution; cold = the first execution after n8n is loaded (model load included); peak RSS is the whole process (n8n-core and n8n-nodes-base included).',
		'',
		table(['node', 'items / execution', 'items/s', 'p50 ms', 'p99 ms', 'cold first ms', 'peak RSS MB'], nodeRows),
		'',
		...results.nodes.map((node) => `- ${node.node}: ${node.messages}. Loading n8n + the package: ${fixed(node.runtimeLoadMs)} ms, RSS then ${fixed(node.rssAfterRuntimeMb)} MB.`),
		'',
	];
	if (breakdown) {
		lines.push(
			`## Where Intent Classify’s time goes (${fixed(breakdown.items)} items per execution, medians)`,
			'',
			table(
				['part', 'ms', 'share'],
				[
					['featurization (normalize, tokenize, hash n-grams)', breakdown.featurizeMs, breakdown.featurizeMs / breakdown.executionMs],
					['ONNX run + decision', breakdown.onnxAndDecisionMs, breakdown.onnxAndDecisionMs / breakdown.executionMs],
					['n8n + node overhead (expressions, items, output)', breakdown.n8nOverheadMs, breakdown.n8nOverheadMs / breakdown.executionMs],
					['whole workflow execution', breakdown.executionMs, 1],
				].map(([part, ms, share]) => [String(part), (ms as number).toFixed(0), percent(share as number)]),
			),
			'',
			`Featurization and classifier.predict are timed directly on the same messages; n8n records ${fixed(breakdown.nodeExecuteMs)} ms for the node itself (the rest of the execution is the trigger, copying items in and out and the workflow bookkeeping).`,
			'',
		);
	}
	lines.push(
		'## Training and peers (same data, same validation messages)',
		'',
		'Predict = the validation messages in one call, one thread. Ratios are ours / peer (accuracy: difference in points).',
		'',
		table(['contender', 'data', 'train s', 'validation accuracy', 'predict msg/s', 'peak RSS MB', 'ours / peer', 'note'], trainingRows),
		'',
		'## Targets (reported, not asserted)',
		'',
		table(
			['target', 'goal', 'measured', 'result'],
			targets(results).map((target) => [target.name, target.goal, target.measured, target.met ? 'met' : `missed: ${target.gap}`]),
		),
		'',
	);
	return lines.join('\n');
}
