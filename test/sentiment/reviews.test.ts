/**
 * Polarity of the Sentiment node's defaults on short product reviews written for this project
 * (test/data/reviews-*.tsv: never trained on; README quotes the figures this test prints). Binary
 * accuracy is the sign of the score against the gold label, as in README's model table. The floors sit
 * just under the measured values: the models are deterministic, so a drop means a change made them worse.
 */
import type { SentimentAnalyzer } from '../../core/sentiment';
import { defaultAnalyzer, readWrittenSet } from './writtenSets';

describe('polarity on written product reviews', () => {
	let analyzer: SentimentAnalyzer;
	beforeAll(async () => {
		analyzer = await defaultAnalyzer();
	});

	it.each([
		['reviews-zh', 140, 0.89],
		['reviews-en', 100, 0.84],
	] as const)('%s: binary accuracy stays at its measured level', async (set, size, accuracyFloor) => {
		const rows = await readWrittenSet(set, ['positive', 'negative']);
		const results = await analyzer.analyze(rows.map((row) => row.text));
		const wrong = rows.filter((row, i) => (row.gold === 'positive') !== (results[i].score > 0));
		const accuracyOf = (gold: string) =>
			1 - wrong.filter((row) => row.gold === gold).length / rows.filter((row) => row.gold === gold).length;
		const accuracy = 1 - wrong.length / rows.length;
		process.stdout.write(
			`${set}: n=${rows.length} binary accuracy=${accuracy.toFixed(3)} (positive ${accuracyOf('positive').toFixed(3)}, negative ${accuracyOf('negative').toFixed(3)}); ` +
				`${results.filter((result) => result.label === 'neutral').length} labelled neutral\n  wrong: ${JSON.stringify(wrong.map((row) => row.text))}\n`,
		);
		expect(rows.length).toBeGreaterThanOrEqual(size);
		expect(accuracy).toBeGreaterThanOrEqual(accuracyFloor);
	});
});
