/**
 * `npm run bench`: Intent Classify, Sentiment and KG Query executed through n8n's engine, beside n8n's
 * own Edit Fields node reading the same per-item expression; training time and accuracy; natural's Bayes
 * and the fastText CLI on the same messages. Every task runs in a fresh
 * child process (cold start and peak RSS are per task), one at a time. Prints a table and writes
 * bench/results/latest.{json,md} and docs/benchmarks.md. BENCH_DATA_DIR overrides ../shared/data.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { dataPath, REPO_ROOT } from './data';
import { benchNode, type NodeResult } from './nodeTasks';
import { renderReport, type BenchResults } from './report';
import { benchFastText, benchNaturalBayes, benchTraining, type ContenderResult } from './trainingTasks';

const TASKS = {
	intent: () => benchNode('intent'),
	n8nBaseline: () => benchNode('n8nBaseline'),
	sentiment: () => benchNode('sentiment'),
	kg: () => benchNode('kg'),
	trainBanking77: () => benchTraining('banking77'),
	trainChnSentiCorp: () => benchTraining('chnsenticorp'),
	naturalBayes: () => benchNaturalBayes(),
	fastText: () => benchFastText(),
};
type TaskName = keyof typeof TASKS;

function runInChild<T>(task: TaskName): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['--task', task], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		let result: T | undefined;
		child.on('message', (message) => (result = message as T));
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`bench task ${task} exited with code ${code}`))));
	});
}

async function main(): Promise<void> {
	const probe = dataPath('en/banking77/train.csv');
	if (!existsSync(probe)) {
		throw new Error(`${probe} not found: the benchmarks read the shared datasets from ../shared/data beside the repository, or from BENCH_DATA_DIR`);
	}
	const started = performance.now();
	const log = (line: string) => process.stdout.write(`${line}\n`);
	const machine = {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		loadAverageAtStart: os.loadavg()[0],
	};
	const nodes: NodeResult[] = [];
	for (const task of ['intent', 'n8nBaseline', 'sentiment', 'kg'] as const) {
		log(`bench: ${task} …`);
		nodes.push(await runInChild<NodeResult>(task));
	}
	const training: ContenderResult[] = [];
	for (const task of ['trainBanking77', 'trainChnSentiCorp', 'naturalBayes', 'fastText'] as const) {
		log(`bench: ${task} …`);
		training.push(await runInChild<ContenderResult>(task));
	}
	const results: BenchResults = {
		date: new Date().toISOString(),
		machine: { ...machine, loadAverageAtEnd: os.loadavg()[0] },
		totalSeconds: (performance.now() - started) / 1000,
		nodes,
		training,
	};
	const markdown = renderReport(results);
	const resultsDir = path.join(REPO_ROOT, 'bench/results');
	mkdirSync(resultsDir, { recursive: true });
	writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
	writeFileSync(path.join(REPO_ROOT, 'docs/benchmarks.md'), markdown);
	log(markdown);
}

const taskAt = process.argv.indexOf('--task');
if (taskAt >= 0) {
	const task = process.argv[taskAt + 1] as TaskName;
	TASKS[task]()
		.then((result) => process.send!(result, () => process.exit(0)))
		.catch((error) => {
			process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
			process.exit(1);
		});
} else {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = 1;
	});
}
