/**
 * Escalation precision and recall of the Sentiment node's defaults (built-in models, built-in cue
 * lexicon, default weights) on the labelled sets in test/data (written for this project; README quotes
 * the figures this test prints). The floors sit just under the measured values: the models and the
 * lexicon are deterministic, so a drop means a change made escalation worse.
 */
import type { SentimentAnalyzer } from '../../core/sentiment';
import { defaultAnalyzer, readWrittenSet } from './writtenSets';

interface Report {
	n: number;
	escalations: number;
	precision: number;
	recall: number;
	falsePositives: string[];
	missed: string[];
}

async function evaluate(analyzer: SentimentAnalyzer, set: string): Promise<Report> {
	const rows = await readWrittenSet(set, ['yes', 'no']);
	const gold = rows.map((row) => row.gold === 'yes');
	const texts = rows.map((row) => row.text);
	const results = await analyzer.analyze(texts);
	const predicted = results.map(({ escalate }) => escalate);
	const truePositives = predicted.filter((escalate, i) => escalate && gold[i]).length;
	return {
		n: texts.length,
		escalations: gold.filter(Boolean).length,
		precision: truePositives / Math.max(1, predicted.filter(Boolean).length),
		recall: truePositives / Math.max(1, gold.filter(Boolean).length),
		falsePositives: texts.filter((_, i) => predicted[i] && !gold[i]),
		missed: texts.filter((_, i) => !predicted[i] && gold[i]),
	};
}

describe('escalation on the labelled sets', () => {
	let analyzer: SentimentAnalyzer;
	beforeAll(async () => {
		analyzer = await defaultAnalyzer();
	});

	// The second set of each language was written before the lexicon's second revision and first
	// measured with the one before it (README has both figures).
	it.each([
		['escalation-zh', 100, 0.95, 0.95],
		['escalation-en', 100, 0.9, 0.85],
		['escalation-zh-2', 70, 0.95, 0.85],
		['escalation-en-2', 70, 0.95, 0.8],
	] as const)('%s: precision and recall stay at their measured level', async (set, size, precisionFloor, recallFloor) => {
		const report = await evaluate(analyzer, set);
		process.stdout.write(
			`${set}: n=${report.n} (${report.escalations} escalate) precision=${report.precision.toFixed(3)} recall=${report.recall.toFixed(3)}\n` +
				`  false positives: ${JSON.stringify(report.falsePositives)}\n  missed: ${JSON.stringify(report.missed)}\n`,
		);
		expect(report.n).toBeGreaterThanOrEqual(size);
		expect(report.precision).toBeGreaterThanOrEqual(precisionFloor);
		expect(report.recall).toBeGreaterThanOrEqual(recallFloor);
	});
});
