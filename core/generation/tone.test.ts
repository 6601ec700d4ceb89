import { applyTone, toneOf } from './tone';

describe('tone', () => {
	test('escalation wins; a negative label or a score at or below -0.3 is unhappy', () => {
		expect(toneOf(undefined)).toBe('neutral');
		expect(toneOf({ label: 'negative', escalate: true })).toBe('escalated');
		expect(toneOf({ label: 'Negative' })).toBe('apologetic');
		expect(toneOf({ label: 'neutral', score: -0.3 })).toBe('apologetic');
		expect(toneOf({ label: 'neutral', score: -0.29 })).toBe('neutral');
	});

	test('a reply that already hands over gets the apology only', () => {
		expect(applyTone('正在为您转接人工客服。', 'escalated', 'zh', true)).toBe('非常抱歉给您带来这么不好的体验。正在为您转接人工客服。');
		expect(applyTone('Here you go.', 'apologetic', 'en', false)).toBe(
			"I'm sorry for the trouble. Here you go. If you would like a person to help, just reply \"agent\".",
		);
		expect(applyTone('Here you go.', 'neutral', 'en', false)).toBe('Here you go.');
	});
});
