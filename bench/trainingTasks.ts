/** Training our classifier and the peers (natural's Bayes, the fastText CLI) on the same data and messages. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';

import { evaluateClassifier, TextClassifier, trainClassifier, type LabelledExample } from '../core';
import { banking77Split, chnSentiCorp } from './data';
import { median, peakRssMb, timed } from './measure';

export interface ContenderResult {
	contender: string;
	data: string;
	trainExamples: number;
	validationExamples: number;
	trainSeconds: number;
	accuracy: number;
	/** Messages per second predicting the validation messages in one call (median of the timed calls). */
	predictPerSecond?: number;
	peakRssMb?: number;
	note?: string;
}

/** How many times each contender predicts the validation messages; the median counts. */
const PREDICT_REPEATS = 3;

async function trainOurs(data: string, train: LabelledExample[], validation: LabelledExample[]): Promise<ContenderResult> {
	const { ms, value: trained } = await timed(() => trainClassifier(train, { validation }));
	const trainPeakRssMb = peakRssMb();
	const classifier = await TextClassifier.fromTrained(trained);
	const texts = validation.map((example) => example.text);
	const predictMs: number[] = [];
	for (let i = 0; i < PREDICT_REPEATS; i++) predictMs.push((await timed(() => classifier.predict(texts))).ms);
	const report = await evaluateClassifier(classifier, validation);
	return {
		contender: 'support-ai (this package)',
		data,
		trainExamples: train.length,
		validationExamples: validation.length,
		trainSeconds: ms / 1000,
		accuracy: report.accuracy,
		predictPerSecond: (texts.length * 1000) / median(predictMs),
		peakRssMb: trainPeakRssMb,
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
	const { ms, value: bayes } = await timed(() => {
		const classifier = new BayesClassifier();
		for (const example of train) classifier.addDocument(example.text, example.label);
		classifier.train();
		return classifier;
	});
	let correct = 0;
	const predictMs: number[] = [];
	for (let i = 0; i < PREDICT_REPEATS; i++) {
		predictMs.push(
			(
				await timed(() => {
					correct = validation.filter((example) => bayes.classify(example.text) === example.label).length;
				})
			).ms,
		);
	}
	return {
		contender: 'natural BayesClassifier',
		data: 'BANKING77 (stratified 10 % of train.csv)',
		trainExamples: train.length,
		validationExamples: validation.length,
		trainSeconds: ms / 1000,
		accuracy: correct / validation.length,
		predictPerSecond: (validation.length * 1000) / median(predictMs),
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
		const predictMs: number[] = [];
		for (let i = 0; i < PREDICT_REPEATS; i++) predictMs.push((await timed(() => fasttext(['predict', `${model}.bin`, validationFile]))).ms);
		return {
			...base,
			trainExamples: train.length,
			validationExamples: validation.length,
			trainSeconds: trained.ms / 1000,
			accuracy: correct / validation.length,
			predictPerSecond: (validation.length * 1000) / median(predictMs),
			note: `${FASTTEXT_ARGS.join(' ')}; predict time includes starting the CLI and loading the model`,
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
