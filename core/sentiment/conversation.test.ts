import { emptyResult, type SentimentResult } from './analyzer';
import { recencyWeights, summarizeConversation, trendDelta } from './conversation';

const message = (score: number, extra: Partial<SentimentResult> = {}): SentimentResult => ({
	label: score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral',
	score,
	confidence: 0.9,
	intensity: Math.abs(score),
	language: 'en',
	escalate: false,
	reasons: [],
	escalationScore: 0,
	...extra,
});

describe('conversation sentiment', () => {
	it('weighs recent messages more: half as much two messages back', () => {
		expect(recencyWeights(3, 2)).toEqual([0.5, 2 ** -0.5, 1]);
	});

	it('measures the trend as the change along a least-squares line', () => {
		expect(trendDelta([-0.9, -0.1, 0.7])).toBeCloseTo(1.6);
		expect(trendDelta([0.5])).toBe(0);
	});

	it('reports a conversation getting better as improving and positive overall', () => {
		const summary = summarizeConversation([message(-0.8), message(0.1), message(0.9)], 0.1);
		expect(summary).toMatchObject({ label: 'positive', trend: 'improving', escalate: false });
		expect(summary.score).toBeGreaterThan(0.2);
	});

	it('labels a conversation of neutral messages neutral, whatever their scores, as a one-message one is labelled like its message', () => {
		// The built-in models' band is 0: their neutral class labels, and neutral messages keep scores such as 0.43.
		expect(summarizeConversation([message(0.43, { label: 'neutral' })], 0)).toMatchObject({ label: 'neutral', score: 0.43 });
		expect(summarizeConversation([message(-0.26, { label: 'neutral' }), message(-0.05, { label: 'neutral' })], 0).label).toBe('neutral');
		expect(summarizeConversation([message(-0.26, { label: 'neutral' }), message(0.9)], 0).label).toBe('positive');
	});

	it('calls a conversation without change stable, at a trend threshold of 0 too', () => {
		const anyChange = { halfLife: 2, trendThreshold: 0 };
		expect(summarizeConversation([message(-0.5)], 0.1, anyChange).trend).toBe('stable');
		expect(summarizeConversation([message(0.5), message(0.5)], 0.1, anyChange).trend).toBe('stable');
		expect(summarizeConversation([message(0.5), message(0.4)], 0.1, anyChange).trend).toBe('worsening');
	});

	it('escalates a negative conversation that gets worse, saying why', () => {
		const summary = summarizeConversation([message(0.3), message(-0.4), message(-0.9)], 0.1);
		expect(summary).toMatchObject({ label: 'negative', trend: 'worsening', escalate: true });
		expect(summary.reasons).toEqual(['worsening (-1.20 from first to last message)']);
	});

	it('escalates when the latest message does, or when any message threatened', () => {
		const latest = message(-0.9, { escalate: true, reasons: ['urgency: asap', 'strongly negative (score -0.90)'] });
		expect(summarizeConversation([message(-0.9), latest], 0.1).reasons).toContain('message 2: urgency: asap');
		const threat = message(-0.5, { escalate: true, reasons: ['threat: lawyer*'] });
		const summary = summarizeConversation([threat, message(0.8), message(0.8)], 0.1);
		expect(summary).toMatchObject({ escalate: true, reasons: ['message 1: threat: lawyer*'] });
	});

	it('escalates when the latest message that has text does, though empty ones follow it', () => {
		const latest = message(-0.3, { escalate: true, reasons: ['asks for a manager: manager', 'shouting: 3 × !/?'] });
		const summary = summarizeConversation([message(-0.2), latest, emptyResult()], 0.1);
		expect(summary).toMatchObject({ escalate: true, reasons: ['message 2: asks for a manager: manager', 'message 2: shouting: 3 × !/?'] });
	});

	it('is neutral with a reason when every message is empty', () => {
		expect(summarizeConversation([emptyResult(), emptyResult()], 0.1)).toMatchObject({ label: 'neutral', reasons: ['empty text'], escalate: false });
	});
});
