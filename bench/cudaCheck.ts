/**
 * The CUDA execution provider against the CPU, on this machine: every model in models/ classifies the
 * same messages (the support set's test messages and the written review and escalation sets) on both.
 * Fails (exit 1) when CUDA fell back to the CPU, a label differs or a probability differs by more than
 * 5e-3; prints per model the largest difference and the time of one predict() of 10,000 messages on each
 * provider after a warm-up (featurization runs on the CPU either way). Needs an NVIDIA GPU and the CUDA
 * provider beside onnxruntime-node (README, CUDA):
 *   npx tsx bench/cudaCheck.ts [--json FILE]
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { readTable, TextClassifier } from '../core';
import { cycle, REPO_ROOT } from './data';

/**
 * cuBLAS multiplies in TF32 (10-bit mantissa) on Ampere and later GPUs: on an H200 the probabilities
 * differed by up to 1.6e-3, and by 7e-7 with NVIDIA_TF32_OVERRIDE=0.
 */
const TOLERANCE = 5e-3;
const TIMED_MESSAGES = 10_000;

async function messages(): Promise<string[]> {
	const files = ['datasets/support-zh-en/test.csv', ...readdirSync(path.join(REPO_ROOT, 'test/data')).map((file) => `test/data/${file}`)];
	const texts: string[] = [];
	for (const file of files) {
		const table = await readTable(path.join(REPO_ROOT, file));
		const column = table.header.indexOf('text');
		for (const row of table.rows) texts.push(row[column]);
	}
	return texts;
}

interface ModelCheck {
	model: string;
	messages: number;
	labelsDiffering: number;
	largestProbabilityDifference: number;
	cpuSeconds: number;
	cudaSeconds: number;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
	const started = performance.now();
	const result = await run();
	return [result, (performance.now() - started) / 1000];
}

async function checkModel(folder: string, texts: string[], warnings: string[]): Promise<ModelCheck> {
	const cpu = await TextClassifier.load(folder, { executionProvider: 'cpu' });
	const cuda = await TextClassifier.load(folder, { executionProvider: 'cuda', logger: { warn: (message) => warnings.push(message) } });
	const everyLabel = { topK: cpu.labels.length, confidenceThreshold: 0, ambiguityMargin: 0 };
	const [onCpu, onCuda] = [await cpu.predict(texts, everyLabel), await cuda.predict(texts, everyLabel)];
	let labelsDiffering = 0;
	let largest = 0;
	onCpu.forEach((prediction, i) => {
		if (prediction.label !== onCuda[i].label) labelsDiffering++;
		const onGpu = new Map(onCuda[i].topK.map(({ label, confidence }) => [label, confidence]));
		for (const { label, confidence } of prediction.topK) largest = Math.max(largest, Math.abs(confidence - (onGpu.get(label) ?? Infinity)));
	});
	const many = cycle(texts, TIMED_MESSAGES);
	const [, cpuSeconds] = await timed(() => cpu.predict(many));
	const [, cudaSeconds] = await timed(() => cuda.predict(many));
	return { model: path.basename(folder), messages: texts.length, labelsDiffering, largestProbabilityDifference: largest, cpuSeconds, cudaSeconds };
}

async function main(): Promise<void> {
	const log = (line: string) => process.stdout.write(`${line}\n`);
	const texts = await messages();
	const warnings: string[] = [];
	const modelsFolder = path.join(REPO_ROOT, 'models');
	const checks: ModelCheck[] = [];
	for (const model of readdirSync(modelsFolder).sort()) checks.push(await checkModel(path.join(modelsFolder, model), texts, warnings));
	log('| model | messages | labels differing | largest probability difference | 10,000 messages, CPU | on CUDA |');
	log('|---|---|---|---|---|---|');
	for (const check of checks) {
		log(
			`| ${check.model} | ${check.messages} | ${check.labelsDiffering} | ${check.largestProbabilityDifference.toExponential(1)} | ` +
				`${check.cpuSeconds.toFixed(2)} s | ${check.cudaSeconds.toFixed(2)} s |`,
		);
	}
	const jsonIndex = process.argv.indexOf('--json');
	if (jsonIndex > 0) writeFileSync(process.argv[jsonIndex + 1], JSON.stringify({ warnings, checks }, null, 2));
	const failures = [
		...warnings.map((warning) => `CUDA fell back: ${warning}`),
		...checks.filter((check) => check.labelsDiffering > 0 || !(check.largestProbabilityDifference <= TOLERANCE)).map((check) => `${check.model} differs`),
	];
	if (failures.length > 0) {
		process.stderr.write(`${failures.join('\n')}\n`);
		process.exitCode = 1;
	} else {
		log(`CUDA and CPU agree on every model (probabilities within ${TOLERANCE})`);
	}
}

void main();
