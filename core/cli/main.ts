#!/usr/bin/env node
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { readLabelledFile, requireSeveralLabels, type LabelledData } from '../data/labelled';
import { evaluateClassifier } from '../evaluation/evaluateClassifier';
import { summarizeReport } from '../evaluation/metrics';
import { TextClassifier } from '../model/textClassifier';
import { writeModel } from '../model/writeModel';
import { AUTO_BALANCING_IMBALANCE, trainClassifier } from '../training/train';

const USAGE = `usage:
  support-ai train --data FILE --text-column C --label-column C [--validation FILE] [--oos-label L]
                   --out DIR [--seed N] [--class-balancing | --no-class-balancing] [--quantize]
                   [--mark-negation] [--sentiment-lexicon] [--no-refit]
  support-ai eval --model DIR --data FILE --text-column C --label-column C [--oos-label L]
  support-ai predict --model DIR [--top-k N] TEXT...

Data files are CSV (.csv) or TSV (.tsv) with a header row, UTF-8. Progress goes to stderr; the last
line of stdout is one JSON object (train, eval) or one JSON object per text (predict).
--mark-negation learns English words after not / never / n't (to the end of the clause) apart from the
same words unnegated: better for sentiment, no gain for intents.
--sentiment-lexicon adds the AFINN-165 polarity of English words (and whether negated) as shared
features: better for sentiment in domains the training data does not cover.
--class-balancing weighs classes equally (rare labels count as much as common ones), --no-class-balancing
weighs every example the same; by default classes are weighed equally when the largest has
≥ ${AUTO_BALANCING_IMBALANCE}× the examples of the smallest.
Validation data (--validation, or 10 % carved from --data) decides when training stops and the
out-of-scope thresholds; then one more pass learns it too. --no-refit leaves it unseen by the model, so
that an eval on the --validation file measures data the model never learned.`;

/** A mistake in the command line: exit code 2 with the usage text. */
class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;

function required(values: Values, name: string): string {
	const value = values[name];
	if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
	return value;
}

function optionalInteger(values: Values, name: string): number | undefined {
	const value = values[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
	return Number(value);
}

function classBalancing(values: Values): boolean | 'auto' {
	if (values['class-balancing'] === true && values['no-class-balancing'] === true) {
		throw new UsageError('--class-balancing and --no-class-balancing exclude each other');
	}
	if (values['class-balancing'] === true) return true;
	return values['no-class-balancing'] === true ? false : 'auto';
}

const progress = (message: string) => process.stderr.write(`${message}\n`);
const output = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const rounded = (summary: Record<string, number>) =>
	Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, Number.isInteger(value) ? value : round(value)]));

async function readData(path: string, values: Values): Promise<LabelledData> {
	const data = await readLabelledFile(path, {
		textColumn: required(values, 'text-column'),
		labelColumn: required(values, 'label-column'),
	});
	if (data.skippedRows > 0) progress(`${path}: skipped ${data.skippedRows} rows with an empty text or label`);
	return data;
}

/**
 * Fails before training when the model folder cannot be made there: `--out`, or a folder above it, is
 * a file (writeModel would fail with EEXIST / ENOTDIR only after the training).
 */
async function checkOutputFolder(out: string): Promise<void> {
	for (let path = resolve(out); ; path = dirname(path)) {
		const stats = await stat(path).catch(() => undefined);
		if (stats !== undefined) {
			if (stats.isDirectory()) return;
			const file = path === resolve(out) ? '' : ` ${path}`;
			throw new Error(`${out}:${file} is a file, not a folder (--out names the folder the model is written to)`);
		}
		if (dirname(path) === path) return;
	}
}

async function train(values: Values): Promise<void> {
	const dataPath = required(values, 'data');
	const out = required(values, 'out');
	await checkOutputFolder(out);
	const { examples } = await readData(dataPath, values);
	requireSeveralLabels(examples, dataPath);
	const validationPath = values.validation as string | undefined;
	const validation = validationPath ? (await readData(validationPath, values)).examples : undefined;
	const oosLabel = values['oos-label'] as string | undefined;
	if (oosLabel !== undefined && !examples.some((example) => example.label === oosLabel)) {
		progress(`note: no "${oosLabel}" examples in ${dataPath}; thresholds alone will decide out-of-scope`);
	}
	progress(`training on ${examples.length} examples from ${dataPath}`);
	const trained = trainClassifier(examples, {
		validation,
		oosLabel,
		seed: optionalInteger(values, 'seed'),
		classBalancing: classBalancing(values),
		quantize: values.quantize === true ? true : undefined,
		refit: values['no-refit'] !== true,
		featurizer: { markNegation: values['mark-negation'] === true, sentimentLexicon: values['sentiment-lexicon'] === true },
		onProgress: (update) => progress(update.message),
	});
	await writeModel(out, trained);
	const { manifest } = trained;
	progress(`wrote ${out} (${(manifest.onnx.bytes / 1e6).toFixed(1)} MB)`);
	output(
		JSON.stringify({
			out,
			labels: manifest.labels.length,
			examples: manifest.training.examples,
			validationExamples: manifest.training.validationExamples,
			epochs: manifest.training.epochs,
			seconds: manifest.training.seconds,
			thresholds: manifest.thresholds,
			validation: manifest.metrics.validation ? rounded(manifest.metrics.validation) : null,
			modelBytes: manifest.onnx.bytes,
		}),
	);
}

async function evaluate(values: Values): Promise<void> {
	const classifier = await TextClassifier.load(required(values, 'model'));
	const dataPath = required(values, 'data');
	const { examples } = await readData(dataPath, values);
	const oosLabel = values['oos-label'] as string | undefined;
	progress(`evaluating ${examples.length} examples from ${dataPath}`);
	const started = performance.now();
	const report = await evaluateClassifier(classifier, examples, { oosLabel });
	const seconds = (performance.now() - started) / 1000;
	const worst = Object.entries(report.perLabel)
		.filter(([, metrics]) => metrics.support > 0)
		.sort((a, b) => a[1].f1 - b[1].f1)
		.slice(0, 5);
	for (const [label, metrics] of worst) {
		progress(`  weakest: ${label} f1 ${metrics.f1.toFixed(3)} (precision ${metrics.precision.toFixed(3)}, recall ${metrics.recall.toFixed(3)}, n ${metrics.support})`);
	}
	output(JSON.stringify({ ...rounded(summarizeReport(report)), seconds: round(seconds) }));
}

async function predict(values: Values, texts: string[]): Promise<void> {
	if (texts.length === 0) throw new UsageError('predict needs at least one TEXT');
	const classifier = await TextClassifier.load(required(values, 'model'));
	const predictions = await classifier.predict(texts, { topK: optionalInteger(values, 'top-k') ?? 3 });
	predictions.forEach((prediction, i) => output(JSON.stringify({ text: texts[i], ...prediction })));
}

/** The options each command takes; another one given is refused rather than silently ignored. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
	train: [
		'data',
		'validation',
		'text-column',
		'label-column',
		'oos-label',
		'out',
		'seed',
		'class-balancing',
		'no-class-balancing',
		'quantize',
		'mark-negation',
		'sentiment-lexicon',
		'no-refit',
	],
	eval: ['model', 'data', 'text-column', 'label-column', 'oos-label'],
	predict: ['model', 'top-k'],
};

export async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	try {
		if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
			output(USAGE);
			return command === undefined ? 2 : 0;
		}
		if (!Object.hasOwn(COMMAND_OPTIONS, command)) throw new UsageError(`unknown command "${command}"`);
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: command === 'predict',
			options: {
				data: { type: 'string' },
				validation: { type: 'string' },
				'text-column': { type: 'string' },
				'label-column': { type: 'string' },
				'oos-label': { type: 'string' },
				out: { type: 'string' },
				model: { type: 'string' },
				seed: { type: 'string' },
				'top-k': { type: 'string' },
				'class-balancing': { type: 'boolean' },
				'no-class-balancing': { type: 'boolean' },
				quantize: { type: 'boolean' },
				'mark-negation': { type: 'boolean' },
				'sentiment-lexicon': { type: 'boolean' },
				'no-refit': { type: 'boolean' },
			},
		});
		const unused = Object.keys(values).find((name) => !COMMAND_OPTIONS[command].includes(name));
		if (unused !== undefined) throw new UsageError(`${command} does not take --${unused}`);
		if (command === 'train') await train(values);
		else if (command === 'eval') await evaluate(values);
		else await predict(values, positionals);
		return 0;
	} catch (error) {
		const usage = error instanceof UsageError || error.code?.startsWith?.('ERR_PARSE_ARGS');
		process.stderr.write(`support-ai: error: ${error.message}\n${usage ? `\n${USAGE}\n` : ''}`);
		return usage ? 2 : 1;
	}
}

if (require.main === module) {
	void main(process.argv.slice(2)).then((code) => {
		process.exitCode = code;
	});
}
