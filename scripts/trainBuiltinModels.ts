/**
 * Trains the intent models shipped in models/ with the package's own trainer, default settings:
 *   support-zh-en  datasets/support-zh-en/train.csv (scripts/buildSupportDataset.ts), judged on its test.csv
 *   banking-en     BANKING77 train.csv from the shared data, judged on a stratified validation split
 * and prints one JSON line per model with its held-out / validation figures (README quotes them).
 *   npx tsx scripts/trainBuiltinModels.ts [shared data folder, default ../shared/data] [model names…]
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { TextClassifier, evaluateClassifier, readLabelledFile, trainClassifier, writeModel, type LabelledExample } from '../core';
import { stratifiedSplit } from '../core/training/split';

const REPO_ROOT = resolve(__dirname, '..');
const SEED = 20261128;

interface Recipe {
	name: string;
	/** Training examples, and held-out examples the model never sees while training. */
	load(sharedData: string): Promise<{ train: LabelledExample[]; heldOut: LabelledExample[]; heldOutName: string }>;
}

const RECIPES: Recipe[] = [
	{
		name: 'support-zh-en',
		async load() {
			const dataset = join(REPO_ROOT, 'datasets/support-zh-en');
			const columns = { textColumn: 'text', labelColumn: 'label' };
			const { examples: train } = await readLabelledFile(join(dataset, 'train.csv'), columns);
			const { examples: heldOut } = await readLabelledFile(join(dataset, 'test.csv'), columns);
			return { train, heldOut, heldOutName: 'datasets/support-zh-en/test.csv (held out)' };
		},
	},
	{
		name: 'banking-en',
		async load(sharedData) {
			const { examples } = await readLabelledFile(join(sharedData, 'en/banking77/train.csv'), {
				textColumn: 'text',
				labelColumn: 'category',
			});
			const { train, validation } = stratifiedSplit(
				examples.map(({ label }) => label),
				0.1,
				SEED,
			);
			return {
				train: train.map((index) => examples[index]),
				heldOut: validation.map((index) => examples[index]),
				heldOutName: 'BANKING77 train.csv, stratified 10 % validation split',
			};
		},
	},
];

async function main(): Promise<void> {
	const [sharedArgument, ...names] = process.argv.slice(2);
	const sharedData = resolve(sharedArgument ?? join(REPO_ROOT, '../shared/data'));
	for (const recipe of RECIPES.filter(({ name }) => names.length === 0 || names.includes(name))) {
		const { train, heldOut, heldOutName } = await recipe.load(sharedData);
		const started = performance.now();
		const trained = trainClassifier(train, {
			name: recipe.name,
			version: '1',
			seed: SEED,
			onProgress: ({ message }) => process.stderr.write(`${recipe.name}: ${message}\n`),
		});
		const seconds = (performance.now() - started) / 1000;
		const folder = join(REPO_ROOT, 'models', recipe.name);
		await rm(folder, { recursive: true, force: true });
		await writeModel(folder, trained);
		const report = await evaluateClassifier(await TextClassifier.load(folder), heldOut);
		process.stdout.write(
			JSON.stringify({
				model: recipe.name,
				trainExamples: train.length,
				trainSeconds: Number(seconds.toFixed(2)),
				heldOut: heldOutName,
				n: report.n,
				accuracy: Number(report.accuracy.toFixed(4)),
				macroF1: Number(report.macroF1.toFixed(4)),
				labels: trained.manifest.labels.length,
			}) + '\n',
		);
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
