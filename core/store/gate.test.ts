import { evaluatePredictions } from '../evaluation/metrics';
import { gateDecision, labelChanges } from './gate';

const gold = ['refund', 'refund', 'delivery', 'delivery'];
const report = (predicted: string[]) =>
	evaluatePredictions(
		gold,
		predicted.map((label) => ({ label, confidence: 0.9 })),
	);
const perfect = report(['refund', 'refund', 'delivery', 'delivery']);
const oneWrong = report(['refund', 'delivery', 'delivery', 'delivery']);

describe('gateDecision', () => {
	it('promotes a first version, and a candidate when the current version cannot be loaded', () => {
		expect(gateDecision({ metric: 'accuracy', tolerance: 0, candidate: perfect })).toEqual({ promote: true, reason: 'first version of the model' });
		expect(gateDecision({ metric: 'accuracy', tolerance: 0, candidate: perfect, current: { version: 4, loadError: 'gone' } })).toEqual({
			promote: true,
			reason: 'the current version 4 could not be loaded (gone), so the candidate replaces it',
		});
	});

	it('promotes within the tolerance and refuses beyond it, saying by how much', () => {
		expect(gateDecision({ metric: 'accuracy', tolerance: 0.25, candidate: oneWrong, current: { version: 2, report: perfect } })).toEqual({
			promote: true,
			reason: 'held-out accuracy 0.7500 vs 1.0000 for version 2 (-0.2500, 4 examples): not worse than the tolerance 0.25 allows',
		});
		expect(gateDecision({ metric: 'macroF1', tolerance: 0.1, candidate: oneWrong, current: { version: 2, report: perfect } })).toEqual({
			promote: false,
			reason:
				'held-out macro-F1 0.7333 vs 1.0000 for version 2 (-0.2667, 4 examples): worse by more than the tolerance 0.1, the current version stays',
		});
		expect(gateDecision({ metric: 'accuracy', tolerance: 0, candidate: perfect, current: { version: 2, report: oneWrong } }).promote).toBe(true);
	});

	it('promotes a candidate exactly one tolerance worse (85 vs 86 of 100 correct, tolerance one point)', () => {
		const ofHundred = (correct: number) =>
			evaluatePredictions(
				Array.from({ length: 100 }, () => 'refund'),
				Array.from({ length: 100 }, (_, i) => ({ label: i < correct ? 'refund' : 'delivery', confidence: 0.9 })),
			);
		expect(gateDecision({ metric: 'accuracy', tolerance: 0.01, candidate: ofHundred(85), current: { version: 3, report: ofHundred(86) } })).toEqual({
			promote: true,
			reason: 'held-out accuracy 0.8500 vs 0.8600 for version 3 (-0.0100, 100 examples): not worse than the tolerance 0.01 allows',
		});
		expect(gateDecision({ metric: 'accuracy', tolerance: 0.01, candidate: ofHundred(84), current: { version: 3, report: ofHundred(86) } }).promote).toBe(false);
	});

	it('promotes without comparison when there is no held-out data', () => {
		expect(gateDecision({ metric: 'accuracy', tolerance: 0, current: { version: 1, report: perfect } }).reason).toMatch(/^no held-out examples/);
	});
});

describe('labelChanges', () => {
	it('compares the held-out labels and lists labels the current version lacks', () => {
		expect(labelChanges(['delivery', 'refund', 'talk_to_human'], ['delivery', 'refund'], oneWrong, perfect)).toEqual([
			{
				label: 'delivery',
				support: 2,
				isNew: false,
				current: { precision: 1, recall: 1, f1: 1 },
				candidate: { precision: 2 / 3, recall: 1, f1: 0.8 },
				f1Change: expect.closeTo(-0.2),
			},
			{
				label: 'refund',
				support: 2,
				isNew: false,
				current: { precision: 1, recall: 1, f1: 1 },
				candidate: { precision: 1, recall: 0.5, f1: 2 / 3 },
				f1Change: expect.closeTo(-1 / 3),
			},
			{ label: 'talk_to_human', support: 0, isNew: true },
		]);
	});
});
