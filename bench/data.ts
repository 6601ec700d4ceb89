import path from 'node:path';

import { readLabelledFile, type LabelledExample } from '../core';
import { stratifiedSplit } from '../core/training/split';

export const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The package's core as built into dist/ (what n8n runs, and the CLI), not the TypeScript sources this
 * benchmark is run from: what is timed must be the shipped code. `npm run build` first.
 */
export function builtCore(): typeof import('../core') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(REPO_ROOT, 'dist/core'));
}

/** The shared training data: `../shared/data` beside the repository, or BENCH_DATA_DIR. */
export function dataPath(...parts: string[]): string {
	return path.resolve(process.env.BENCH_DATA_DIR ?? path.join(REPO_ROOT, '../shared/data'), ...parts);
}

/** BANKING77 train.csv with a stratified 10 % validation part (seed 42), the same for every contender. */
export async function banking77Split(): Promise<{ train: LabelledExample[]; validation: LabelledExample[] }> {
	const { examples } = await readLabelledFile(dataPath('en/banking77/train.csv'), { textColumn: 'text', labelColumn: 'category' });
	const split = stratifiedSplit(
		examples.map((example) => example.label),
		0.1,
		42,
	);
	return { train: split.train.map((i) => examples[i]), validation: split.validation.map((i) => examples[i]) };
}

export async function chnSentiCorp(file: 'train.tsv' | 'dev.tsv'): Promise<LabelledExample[]> {
	return (await readLabelledFile(dataPath('zh/chnsenticorp', file), { textColumn: 'text_a', labelColumn: 'label' })).examples;
}

/** `count` texts taken round-robin from `texts`. */
export function cycle(texts: readonly string[], count: number): string[] {
	return Array.from({ length: count }, (_, i) => texts[i % texts.length]);
}
