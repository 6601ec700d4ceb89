import { chooseNeutralBand, decidePolarity, polarityIndexes, polarityMacroF1, type ScoredExample } from './polarity';

describe('decidePolarity', () => {
	it('maps probabilities to a score in −1 … 1 and labels its sign outside the band', () => {
		expect(decidePolarity({ negative: 0.1, positive: 0.9 }, 0.3)).toEqual({ label: 'positive', score: expect.closeTo(0.8), confidence: 0.9 });
		expect(decidePolarity({ negative: 0.95, positive: 0.05 }, 0.3)).toEqual({ label: 'negative', score: expect.closeTo(-0.9), confidence: 0.95 });
	});

	it('is neutral inside the band, with confidence 1 − |score|', () => {
		expect(decidePolarity({ negative: 0.4, positive: 0.6 }, 0.3)).toEqual({ label: 'neutral', score: expect.closeTo(0.2), confidence: expect.closeTo(0.8) });
		// Band 0 (every non-zero score counts) still leaves a score of 0, e.g. AFINN on a message without rated words, neutral.
		expect(decidePolarity({ negative: 0.5, positive: 0.5 }, 0)).toEqual({ label: 'neutral', score: 0, confidence: 1 });
	});

	it('is neutral when the model’s own neutral class wins', () => {
		expect(decidePolarity({ negative: 0.3, neutral: 0.5, positive: 0.2 }, 0)).toEqual({ label: 'neutral', score: expect.closeTo(-0.1), confidence: 0.5 });
	});
});

describe('polarityIndexes', () => {
	it('finds the classes whatever their case', () => {
		expect(polarityIndexes(['NEGATIVE', 'POSITIVE'], 'sst2')).toEqual({ negative: 0, positive: 1 });
		expect(polarityIndexes(['negative', 'neutral', 'positive'], 'm')).toEqual({ negative: 0, neutral: 1, positive: 2 });
	});

	it('refuses a model without negative and positive labels, naming its labels', () => {
		expect(() => polarityIndexes(['refund', 'track_order'], 'intents')).toThrow(
			'model "intents" is not a sentiment model: its labels are "refund", "track_order"; it needs a "negative" and a "positive" label (and optionally "neutral")',
		);
	});
});

describe('chooseNeutralBand', () => {
	const example = (positive: number, gold: ScoredExample['gold']): ScoredExample => ({ probabilities: { positive, negative: 1 - positive }, gold });
	const examples = [
		example(0.95, 'positive'),
		example(0.9, 'positive'),
		example(0.05, 'negative'),
		example(0.1, 'negative'),
		example(0.6, 'neutral'),
		example(0.35, 'neutral'),
	];

	it('widens the band just enough to catch the unsure neutral messages', () => {
		const { neutralBand, macroF1 } = chooseNeutralBand(examples);
		expect(neutralBand).toBeCloseTo(0.31);
		expect(macroF1).toBe(1);
	});

	it('scores macro-F1 over the labels present', () => {
		expect(polarityMacroF1(examples, 0)).toBeCloseTo((0.8 + 0.8) / 3);
	});
});
