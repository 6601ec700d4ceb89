import { evaluatePredictions, expectedCalibrationError, summarizeReport } from './metrics';

describe('evaluatePredictions', () => {
	const gold = ['a', 'a', 'b', 'b', 'oos', 'oos'];
	const predicted = ['a', 'b', 'b', 'b', 'oos', 'a'].map((label) => ({ label, confidence: 0.75 }));

	it('computes accuracy, macro-F1, per-label precision/recall and the confusion matrix', () => {
		const report = evaluatePredictions(gold, predicted);
		expect(report.n).toBe(6);
		expect(report.accuracy).toBeCloseTo(4 / 6);
		expect(report.labels).toEqual(['a', 'b', 'oos']);
		expect(report.confusion).toEqual([
			[1, 1, 0],
			[0, 2, 0],
			[1, 0, 1],
		]);
		expect(report.perLabel.b).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
		expect(report.perLabel.a).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
		expect(report.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
		expect(report.inScopeAccuracy).toBeUndefined();
	});

	it('adds in-scope accuracy and OOS recall/precision for an OOS label', () => {
		const report = evaluatePredictions(gold, predicted, { oosLabel: 'oos' });
		expect(report.inScopeAccuracy).toBe(0.75);
		expect(report.oosRecall).toBe(0.5);
		expect(report.oosPrecision).toBe(1);
		expect(summarizeReport(report)).toMatchObject({ n: 6, inScopeAccuracy: 0.75, oosRecall: 0.5 });
	});

	it('lists labels that were only predicted after the gold ones', () => {
		expect(evaluatePredictions(['a'], [{ label: 'z', confidence: 1 }]).labels).toEqual(['a', 'z']);
	});

	it('rejects mismatched lengths', () => {
		expect(() => evaluatePredictions(['a'], [])).toThrow(/one prediction per gold label/);
	});
});

describe('expectedCalibrationError', () => {
	it('is 0 when confidence matches accuracy and grows with over-confidence', () => {
		expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false])).toBeCloseTo(0);
		expect(expectedCalibrationError([0.95, 0.95], [true, false])).toBeCloseTo(0.45);
	});
});
