import { sentimentBranches } from './routing';

describe('sentiment branch routing', () => {
	it('routes by label to Positive, Neutral, Negative', () => {
		const branches = sentimentBranches(false, true);
		expect(branches.count).toBe(4);
		expect(branches.of({ label: 'positive', escalate: false })).toBe(0);
		expect(branches.of({ label: 'neutral', escalate: false })).toBe(1);
		expect(branches.of({ label: 'negative', escalate: false })).toBe(2);
	});

	it('lets Escalate take precedence over the sentiment branch', () => {
		const branches = sentimentBranches(false, true);
		expect(branches.of({ label: 'negative', escalate: true })).toBe(3);
		expect(branches.of({ label: 'neutral', escalate: true })).toBe(3);
	});

	it('keeps escalated items on their sentiment branch when there is no Escalate branch', () => {
		const branches = sentimentBranches(false, false);
		expect(branches.count).toBe(3);
		expect(branches.of({ label: 'negative', escalate: true })).toBe(2);
	});

	it('sends everything to the one output in single mode', () => {
		const branches = sentimentBranches(true, true);
		expect(branches.count).toBe(1);
		expect(branches.of({ label: 'negative', escalate: true })).toBe(0);
		expect(branches.errors).toBe(0);
	});
});
