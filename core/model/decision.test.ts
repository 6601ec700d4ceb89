import { chooseTemperature, chooseThresholds, decide, temper } from './decision';

describe('decide', () => {
	const labels = ['refund', 'delivery', 'oos'];
	const oos = { label: 'oos', classIndex: 2 };

	it('accepts a confident, clear best class', () => {
		expect(decide([0.8, 0.15, 0.05], labels, { confidence: 0.5, margin: 0.1 }, oos, 2)).toEqual({
			label: 'refund',
			confidence: 0.8,
			isOutOfScope: false,
			topK: [
				{ label: 'refund', confidence: 0.8 },
				{ label: 'delivery', confidence: 0.15 },
			],
		});
	});

	it('lists the top k best first, ties in class order, and uses the runner-up for the margin when k is 1', () => {
		const many = ['a', 'b', 'c', 'd', 'e', 'f'];
		const probabilities = [0.1, 0.3, 0.05, 0.3, 0.2, 0.05];
		const decision = decide(probabilities, many, { confidence: 0.2, margin: 0.01 }, { label: 'a' }, 4);
		expect(decision.topK.map(({ label }) => label)).toEqual(['b', 'd', 'e', 'a']);
		expect(decide(probabilities, many, { confidence: 0.2, margin: 0.01 }, { label: 'a' }, 1)).toMatchObject({
			reason: 'ambiguous',
			topK: [{ label: 'b', confidence: 0.3 }],
		});
		expect(decide([1], ['only'], { confidence: 0.5, margin: 0.5 }, { label: 'x' }, 3).topK).toEqual([{ label: 'only', confidence: 1 }]);
	});

	it.each([
		[[0.4, 0.35, 0.25], { confidence: 0.5, margin: 0 }, 'low_confidence'],
		[[0.52, 0.46, 0.02], { confidence: 0.5, margin: 0.1 }, 'ambiguous'],
		[[0.1, 0.1, 0.8], { confidence: 0.5, margin: 0.1 }, 'out_of_scope_label'],
	])('falls back on %j with %j: %s', (probabilities, thresholds, reason) => {
		const decision = decide(probabilities, labels, thresholds, oos, 3);
		expect(decision).toMatchObject({ label: 'oos', isOutOfScope: true, reason });
		expect(decision.topK[0].confidence).toBe(Math.max(...probabilities));
	});
});

describe('chooseThresholds', () => {
	/** Rows of [p(class 0), p(class 1)]. */
	const rows = (...values: [number, number][]) => Float32Array.from(values.flat());

	it('accepts predictions where they are right at least one time in three', () => {
		// Right 2 times in 5 at 0.7 (worth accepting), 1 time in 4 at 0.6 (not).
		const at = (p: number, count: number) => Array.from({ length: count }, (): [number, number] => [p, 1 - p]);
		const probabilities = rows([0.95, 0.05], [0.9, 0.1], ...at(0.7, 5), ...at(0.6, 4));
		const gold = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1]);
		const { confidence } = chooseThresholds(probabilities, gold, 2);
		expect(confidence).toBeGreaterThan(0.6);
		expect(confidence).toBeLessThanOrEqual(0.7);
	});

	it('keeps the threshold at 0 when every prediction is right', () => {
		expect(chooseThresholds(rows([0.6, 0.4], [0.3, 0.7]), Int32Array.from([0, 1]), 2)).toEqual({ confidence: 0, margin: 0 });
	});

	it('raises the threshold to catch out-of-scope examples', () => {
		// Class 2 is the OOS class; OOS messages get flat, low-confidence probabilities.
		const probabilities = Float32Array.from([0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.4, 0.3, 0.3, 0.35, 0.4, 0.25, 0.8, 0.1, 0.1]);
		const gold = Int32Array.from([0, 1, 2, 2, 0]);
		const { confidence } = chooseThresholds(probabilities, gold, 3, 2);
		expect(confidence).toBeGreaterThan(0.4);
		expect(confidence).toBeLessThanOrEqual(0.8);
	});
});

describe('temperature scaling', () => {
	it('sharpens underconfident probabilities and keeps rows normalized', () => {
		const probabilities = Float32Array.from([0.6, 0.4, 0.6, 0.4, 0.4, 0.6, 0.35, 0.65]);
		const temperature = chooseTemperature(probabilities, Int32Array.from([0, 0, 1, 1]), 2);
		expect(temperature).toBeLessThan(1);
		const tempered = temper(probabilities, 2, temperature);
		expect(tempered[0]).toBeGreaterThan(0.6);
		expect(tempered[0] + tempered[1]).toBeCloseTo(1, 6);
	});
});
