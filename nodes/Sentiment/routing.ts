import type { SentimentLabel } from '../../core/sentiment';

/**
 * Which output an item leaves through, laid out as the description's `configuredOutputs`: Positive,
 * Neutral, Negative, then Escalate (when enabled), which takes precedence over the sentiment's branch.
 */
export interface SentimentBranches {
	count: number;
	/** Where items that failed go under continue-on-fail (Neutral, or the single output). */
	errors: number;
	of(result: { label: SentimentLabel; escalate: boolean }): number;
}

const LABEL_BRANCH: Record<SentimentLabel, number> = { positive: 0, neutral: 1, negative: 2 };
const ESCALATE_BRANCH = 3;

export function sentimentBranches(single: boolean, escalateBranch: boolean): SentimentBranches {
	if (single) return { count: 1, errors: 0, of: () => 0 };
	return {
		count: escalateBranch ? 4 : 3,
		errors: LABEL_BRANCH.neutral,
		of: ({ label, escalate }) => (escalateBranch && escalate ? ESCALATE_BRANCH : LABEL_BRANCH[label]),
	};
}
