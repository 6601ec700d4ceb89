import { branchFor, branchLayout, parseBranchIntents } from './routing';

describe('branch routing', () => {
	it('puts chosen intents first, then Other, then Fallback for a model label set', () => {
		const layout = branchLayout(['track_order', 'get_refund'], true);
		expect(layout.branchCount).toBe(4);
		expect(branchFor(layout, 'get_refund', false)).toBe(1);
		expect(branchFor(layout, 'cancel_order', false)).toBe(2);
		expect(branchFor(layout, 'track_order', true)).toBe(3);
	});

	it('has no Other branch for intents typed in the node', () => {
		const layout = branchLayout(['greeting', 'refund'], false);
		expect(layout.branchCount).toBe(3);
		expect(layout.otherBranch).toBeUndefined();
		expect(branchFor(layout, 'refund', false)).toBe(1);
		// A label without a branch (should not happen for typed intents) never gets lost: Fallback.
		expect(branchFor(layout, 'unknown', false)).toBe(2);
	});

	it('reads branch names from a list or a comma-separated expression result', () => {
		expect(parseBranchIntents(['a', ' b ', ''])).toEqual(['a', 'b']);
		expect(parseBranchIntents('a, b,,c')).toEqual(['a', 'b', 'c']);
		expect(parseBranchIntents(undefined)).toEqual([]);
	});
});
