/** Training our classifier and the peers (natural's Bayes, the fastText CLI) on the same data and messages. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';

import type { LabelledExample } from '../core';
import { banking77Split, builtCore, chnSentiCorp } from './data';
import { median, peakRssMb, timed } from './measure';

export interface ContenderResult {
	contender: string;
	data: string;
	trainExamples: number;
	validationExamples: number;
	trainSeconds: number;
	/** CPU time of training (the process's, or the CLI's), steadier than wall time on a shared machine. */
	trainCpuSeconds?: number;
	accuracy: number;
	/** Messages per second predicting the validation messages in one call (median of the timed calls). */
	predictPerSecond?: number;
	/** The same per second of CPU time. */
	predictPerCpuSecond?: number;
	peakRssMb?: number;
	/**
	 * Our training only, where its time goes: featurizing the texts (timed on its own, same settings), the
	 * calibration and ONNX export at the end, the rest (vocabulary, encoding, AdaGrad epochs) between.
	 */
	phases?: { featurizeSeconds: number; fitSeconds: number; calibrateSeconds: number; epochs: number };
	note?: string;
}

/** How many times each contender predicts the validation messages after one warm-up call; the median counts. */
const PREDICT_REPEATS = 5;

async function predictRuns(predict: () => unknown): Promise<Array<{ ms: number; cpuMs: number }>> {
	await predict();
	const runs: Array<{ ms: number; cpuMs: number }> = [];
	for (let i = 0; i < PREDICT_REPEATS; i++) runs.push(await timed(predict));
	return runs;
}

function predictRates(messages: number, runs: ReadonlyArray<{ ms: number; cpuMs: number }>) {
	return {
		predictPerSecond: (messages * 1000) / median(runs.map((run) => run.ms)),
		predictPerCpuSecond: (messages * 1000) / median(runs.map((run) => run.cpuMs)),
	};
}

async function trainOurs(data: string, train: LabelledExample[], validation: LabelledExample[]): Promise<ContenderResult> {
	const { evaluateClassifier, Featurizer, TextClassifier, trainClassifier } = builtCore();
	const phaseStarts = new Map<string, number>();
	let epochs = 0;
	const { ms, cpuMs, value: trained } = await timed(() =>
		trainClassifier(train, {
			validation,
			// Accuracy is measured on the validation messages, as for the other contenders: not learned.
			refit: false,
			onProgress: (progress) => {
				if (!phaseStarts.has(progress.phase)) phaseStarts.set(progress.phase, performance.now());
				epochs = progress.epoch ?? epochs;
			},
		}),
	);
	const trainPeakRssMb = peakRssMb();
	const calibrateSeconds = ((phaseStarts.get('done') ?? 0) - (phaseStarts.get('calibrate') ?? 0)) / 1000;
	const featurizer = new Featurizer();
	const featurizeSeconds = (await timed(() => [...train, ...validation].forEach((example) => featurizer.featurize(example.text)))).ms / 1000;
	const classifier = await TextClassifier.fromTrained(trained);
	const texts = validation.map((example) => example.text);
	const runs = await predictRuns(() => classifier.predict(texts));
	const report = await evaluateClassifier(classifier, validation);
	return {
		contender: 'support-ai (this package)',
		data,
		trainExamples: train.length,
		validationExamples: validation.length,
		trainSeconds: ms / 1000,
		trainCpuSeconds: cpuMs / 1000,
		accuracy: report.accuracy,
		...predictRates(texts.length, runs),
		peakRssMb: trainPeakRssMb,
		phases: { featurizeSeconds, fitSeconds: ms / 1000 - featurizeSeconds - calibrateSeconds, calibrateSeconds, epochs },
	};
}

export async function benchTraining(which: 'banking77' | 'chnsenticorp'): Promise<ContenderResult> {
	if (which === 'banking77') {
		const { train, validation } = await banking77Split();
		return await trainOurs('BANKING77 (stratified 10 % of train.csv)', train, validation);
	}
	return await trainOurs('ChnSentiCorp (train.tsv → dev.tsv)', await chnSentiCorp('train.tsv'), await chnSentiCorp('dev.tsv'));
}

export async function benchNaturalBayes(): Promise<ContenderResult> {
	const { train, validation } = await banking77Split();
	const { ms, cpuMs, value: bayes } = await timed(() => {
		const classifier = new BayesClassifier();
		for (const example of train) classifier.addDocument(example.text, example.label);
		classifier.train();
		return classifier;
	});
	let correct = 0;
	const runs = await predictRuns(() => {
		correct = validation.filter((example) => bayes.classify(example.text) === example.label).length;
	});
	return {
		contender: 'natural BayesClassifier',
		data: 'BANKING77 (stratified 10 % of train.csv)',
		trainExamples: train.length,
		validationExamples: validation.length,
		trainSeconds: ms / 1000,
		trainCpuSeconds: cpuMs / 1000,
		accuracy: correct / validation.length,
		...predictRates(validation.length, runs),
		peakRssMb: peakRssMb(),
	};
}

/** fastText's usual supervised settings, one thread; a small hash table keeps its memory near ours. */
const FASTTEXT_ARGS = ['-epoch', '25', '-lr', '0.5', '-wordNgrams', '2', '-dim', '50', '-bucket', '200000', '-thread', '1', '-verbose', '0'];

export async function benchFastText(): Promise<ContenderResult> {
	const base = { contender: 'fastText CLI', data: 'BANKING77 (stratified 10 % of train.csv)', trainExamples: 0, validationExamples: 0, trainSeconds: 0, accuracy: 0 };
	if (spawnSync('fasttext', [], { encoding: 'utf8' }).error) return { ...base, note: 'skipped: `fasttext` is not on PATH (Debian package `fasttext`)' };
	const { train, validation } = await banking77Split();
	const dir = mkdtempSync(path.join(tmpdir(), 'bench-fasttext-'));
	try {
		// fastText reads whitespace-separated tokens: lower-case and split punctuation off, its usual preprocessing.
		const line = (example: LabelledExample) => `__label__${example.label} ${example.text.toLowerCase().replace(/([.!?,'"()/:;])/g, ' $1 ').replace(/\s+/g, ' ').trim()}`;
		const trainFile = path.join(dir, 'train.txt');
		const validationFile = path.join(dir, 'validation.txt');
		writeFileSync(trainFile, train.map(line).join('\n') + '\n');
		writeFileSync(validationFile, validation.map(line).join('\n') + '\n');
		const model = path.join(dir, 'model');
		const fasttext = (args: string[]) => {
			const result = spawnSync('fasttext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
			if (result.status !== 0) throw new Error(`fasttext ${args[0]} failed: ${result.stderr}`);
			return result.stdout;
		};
		const trained = await timed(() => fasttext(['supervised', '-input', trainFile, '-output', model, ...FASTTEXT_ARGS]));
		const predicted = fasttext(['predict', `${model}.bin`, validationFile]).trim().split('\n');
		const correct = predicted.filter((label, i) => label === `__label__${validation[i].label}`).length;
		const runs = await predictRuns(() => fasttext(['predict', `${model}.bin`, validationFile]));
		return {
			...base,
			trainExamples: train.length,
			validationExamples: validation.length,
			trainSeconds: trained.ms / 1000,
			trainCpuSeconds: trained.cpuMs / 1000,
			accuracy: correct / validation.length,
			...predictRates(validation.length, runs),
			note: `${FASTTEXT_ARGS.join(' ')}; predict time includes starting the CLI and loading the model`,
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
