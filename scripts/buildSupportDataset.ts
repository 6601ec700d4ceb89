/**
 * Assembles datasets/support-zh-en/{train,test}.csv, the data of the built-in `support-zh-en` intent
 * model: Chinese utterances we wrote (datasets/support-zh-en/zh/<intent>.txt), English utterances from
 * Bitext's customer-support sample (CDLA-Sharing-1.0) and English we wrote for the intents Bitext lacks
 * (en-extra/<intent>.txt). The held-out split is stratified by intent and language with a fixed seed, so
 * rebuilding gives the same files.
 *   npx tsx scripts/buildSupportDataset.ts [shared data folder, default ../shared/data]
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import { formatTable } from '../core/data/formatTable';
import { columnIndex, readTable } from '../core/data/table';
import { detectLanguage } from '../core/text/language';
import { normalizeText } from '../core/text/normalize';
import { stratifiedSplit } from '../core/training/split';

const REPO_ROOT = resolve(__dirname, '..');
const DATASET = join(REPO_ROOT, 'datasets/support-zh-en');
const HELD_OUT_FRACTION = 0.2;
const SEED = 20261128;
/** Bitext's sample has 139–204 utterances per intent; a cap keeps English from drowning Chinese. */
const BITEXT_PER_INTENT = 120;
/** The two Bitext releases name one intent differently; we keep the older utterance set's name. */
const BITEXT_LABEL_ALIASES: Record<string, string> = { check_invoice: 'check_invoices' };

interface Utterance {
	text: string;
	label: string;
	source: 'written-zh' | 'written-en' | 'bitext';
}

async function writtenUtterances(folder: string, source: Utterance['source']): Promise<Utterance[]> {
	const files = (await readdir(folder)).filter((name) => name.endsWith('.txt')).sort();
	const utterances: Utterance[] = [];
	for (const file of files) {
		const label = basename(file, '.txt');
		for (const line of (await readFile(join(folder, file), 'utf8')).split('\n')) {
			if (line.trim() !== '') utterances.push({ text: line.trim(), label, source });
		}
	}
	return utterances;
}

async function bitextUtterances(sharedData: string): Promise<Utterance[]> {
	const table = await readTable(join(sharedData, 'en/bitext_customer_support/llm_sample_4.5k.csv'));
	const textColumn = columnIndex(table, 'instruction');
	const labelColumn = columnIndex(table, 'intent');
	const perIntent = new Map<string, number>();
	const utterances: Utterance[] = [];
	for (const row of table.rows) {
		const label = BITEXT_LABEL_ALIASES[row[labelColumn]] ?? row[labelColumn];
		const taken = perIntent.get(label) ?? 0;
		if (taken >= BITEXT_PER_INTENT) continue;
		perIntent.set(label, taken + 1);
		utterances.push({ text: row[textColumn].trim(), label, source: 'bitext' });
	}
	return utterances;
}

async function main(): Promise<void> {
	const sharedData = resolve(process.argv[2] ?? join(REPO_ROOT, '../shared/data'));
	const all = [
		...(await writtenUtterances(join(DATASET, 'zh'), 'written-zh')),
		...(await writtenUtterances(join(DATASET, 'en-extra'), 'written-en')),
		...(await bitextUtterances(sharedData)),
	];
	// The same message twice (after normalization) would let a test row leak into training.
	const seen = new Set<string>();
	const unique = all.filter(({ text }) => {
		const key = normalizeText(text);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	const withLanguage = unique.map((utterance) => ({ ...utterance, language: detectLanguage(utterance.text) }));
	// Stratify by intent and by who wrote it, so both languages of every intent are held out alike.
	const strata = withLanguage.map(({ label, source }) => `${label}\u0000${source === 'bitext' ? 'written-en' : source}`);
	const { train, validation: test } = stratifiedSplit(strata, HELD_OUT_FRACTION, SEED);

	const header = ['text', 'label', 'language', 'source'];
	const rowsOf = (indexes: number[]) =>
		indexes.map((index) => {
			const { text, label, language, source } = withLanguage[index];
			return [text, label, language, source];
		});
	await writeFile(join(DATASET, 'train.csv'), formatTable(header, rowsOf(train), 'csv'));
	await writeFile(join(DATASET, 'test.csv'), formatTable(header, rowsOf(test), 'csv'));

	const labels = new Set(withLanguage.map(({ label }) => label));
	process.stdout.write(
		`support-zh-en: ${labels.size} intents, ${train.length} train / ${test.length} test rows ` +
			`(${all.length - unique.length} duplicates dropped)\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
