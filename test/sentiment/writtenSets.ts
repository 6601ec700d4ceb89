/** The labelled sets written for this project (test/data) and the analyzer with the node's defaults. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseTable } from '../../core';
import { CueLexicon, SentimentAnalyzer, loadBuiltInSentimentModels } from '../../core/sentiment';

const ROOT = join(__dirname, '..', '..');

export interface WrittenRow {
	/** The first column: the gold answer. */
	gold: string;
	text: string;
}

/** Rows of `test/data/<set>.tsv`; every gold value must be one of `allowed`. */
export async function readWrittenSet(set: string, allowed: readonly string[]): Promise<WrittenRow[]> {
	const path = join(ROOT, 'test', 'data', `${set}.tsv`);
	const table = parseTable(await readFile(path), 'tsv', path);
	return table.rows.map(([gold, text]) => {
		if (!allowed.includes(gold)) throw new Error(`${path}: ${table.header[0]} must be one of ${allowed.join(', ')}, got "${gold}"`);
		return { gold, text };
	});
}

/** Built-in models, built-in cue lexicon: what the Sentiment node runs by default. */
export async function defaultAnalyzer(): Promise<SentimentAnalyzer> {
	return new SentimentAnalyzer(await loadBuiltInSentimentModels(join(ROOT, 'models')), CueLexicon.builtIn());
}
