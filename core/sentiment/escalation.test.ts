import { escalationOf } from './escalation';
import type { Polarity } from './polarity';

const calm = { capsShare: 0, punctuationRun: 0, caps: false, punctuation: false };
const negative: Polarity = { label: 'negative', score: -0.5, confidence: 0.75 };
const stronglyNegative: Polarity = { label: 'negative', score: -0.9, confidence: 0.95 };
const positive: Polarity = { label: 'positive', score: 0.8, confidence: 0.9 };

describe('escalationOf', () => {
	it('escalates a threat alone, whatever the sentiment', () => {
		const escalation = escalationOf({ polarity: positive, cues: { threat: ['12315'] }, shouting: calm });
		expect(escalation).toMatchObject({ escalate: true, score: 1, reasons: ['threat: 12315'] });
	});

	it('escalates a negative message with churn, but not churn alone', () => {
		expect(escalationOf({ polarity: negative, cues: { churn: ['cancel my account'] }, shouting: calm })).toMatchObject({
			escalate: true,
			reasons: ['churn: cancel my account', 'negative (score -0.50)'],
		});
		expect(escalationOf({ polarity: { ...positive, label: 'neutral', score: 0 }, cues: { churn: ['cancel my account'] }, shouting: calm }).escalate).toBe(false);
	});

	it('counts a neutral message whose score leans negative as negative, down to its setting', () => {
		const leaning: Polarity = { label: 'neutral', score: -0.2, confidence: 0.6 };
		const repeat = { repeat: ['fourth time'] };
		expect(escalationOf({ polarity: leaning, cues: repeat, shouting: calm })).toMatchObject({
			escalate: true,
			reasons: ['repeated contact: fourth time', 'leans negative (score -0.20)'],
		});
		expect(escalationOf({ polarity: { ...leaning, score: -0.05 }, cues: repeat, shouting: calm }).escalate).toBe(false);
		// The emotion model's anger is no cue in the words: with a leaning score it does not escalate.
		expect(escalationOf({ polarity: leaning, cues: {}, shouting: calm, anger: 0.9 }).escalate).toBe(false);
		const off = { threshold: 1, strongNegativeScore: -0.8, leaningNegativeScore: -1, angerProbability: 0.5 };
		expect(escalationOf({ polarity: leaning, cues: repeat, shouting: calm }, off).escalate).toBe(false);
	});

	it('escalates a demand for a manager in a negative message, not a plain question for one', () => {
		const manager = { manager: ['supervisor'] };
		expect(escalationOf({ polarity: negative, cues: manager, shouting: calm })).toMatchObject({
			escalate: true,
			reasons: ['asks for a manager: supervisor', 'negative (score -0.50)'],
		});
		expect(escalationOf({ polarity: { ...positive, label: 'neutral', score: 0 }, cues: manager, shouting: calm }).escalate).toBe(false);
	});

	it('needs a strongly negative score for urgency or shouting alone', () => {
		expect(escalationOf({ polarity: negative, cues: { urgency: ['asap'] }, shouting: calm }).escalate).toBe(false);
		expect(escalationOf({ polarity: stronglyNegative, cues: { urgency: ['asap'] }, shouting: calm })).toMatchObject({
			escalate: true,
			reasons: ['urgency: asap', 'strongly negative (score -0.90)'],
		});
		const shouting = { capsShare: 1, punctuationRun: 3, caps: true, punctuation: true };
		expect(escalationOf({ polarity: stronglyNegative, cues: {}, shouting }).reasons).toEqual([
			'shouting: 100 % capitals, 3 × !/?',
			'strongly negative (score -0.90)',
		]);
	});

	it('takes anger from the English model above its probability threshold', () => {
		const angry = escalationOf({ polarity: stronglyNegative, cues: {}, shouting: calm, anger: 0.83 });
		expect(angry).toMatchObject({ escalate: true, angry: true, reasons: ['anger: model 0.83', 'strongly negative (score -0.90)'] });
		expect(escalationOf({ polarity: stronglyNegative, cues: {}, shouting: calm, anger: 0.2 }).angry).toBe(false);
	});

	it('follows its threshold settings', () => {
		const input = { polarity: stronglyNegative, cues: {}, shouting: calm };
		expect(escalationOf(input).escalate).toBe(false);
		expect(escalationOf(input, { threshold: 0.7, strongNegativeScore: -0.8, leaningNegativeScore: -0.1, angerProbability: 0.5 }).escalate).toBe(true);
		expect(escalationOf(input, { threshold: 0.7, strongNegativeScore: -0.95, leaningNegativeScore: -0.1, angerProbability: 0.5 }).escalate).toBe(false);
	});
});
