import type { EvaluationReport, LabelMetrics } from '../evaluation/metrics';

export type GateMetric = 'accuracy' | 'macroF1';

const METRIC_NAMES: Record<GateMetric, string> = { accuracy: 'accuracy', macroF1: 'macro-F1' };

/** What the gate knows about the version the candidate would replace. */
export interface CurrentVersion {
	version: number;
	/** Its held-out evaluation; absent when it could not be loaded (`loadError` says why). */
	report?: EvaluationReport;
	loadError?: string;
}

export interface GateInput {
	metric: GateMetric;
	/** How much worse than the current version (absolute, e.g. 0.01 = one point) still promotes. */
	tolerance: number;
	/** The candidate's held-out evaluation; absent when the held-out split is empty. */
	candidate?: EvaluationReport;
	current?: CurrentVersion;
}

export interface GateDecision {
	promote: boolean;
	reason: string;
}

const format = (value: number) => value.toFixed(4);

// Metrics are fractions like 85/100 − 86/100 = −0.010000000000000009: a drop of exactly the tolerance
// must promote, so rounding errors far below one example in a billion are not counted.
const ROUNDING_SLACK = 1e-9;

/** Promote unless the candidate is worse than the current version by more than the tolerance. */
export function gateDecision({ metric, tolerance, candidate, current }: GateInput): GateDecision {
	const name = METRIC_NAMES[metric];
	if (current === undefined) return { promote: true, reason: 'first version of the model' };
	if (current.report === undefined) {
		return {
			promote: true,
			reason: `the current version ${current.version} could not be loaded (${current.loadError}), so the candidate replaces it`,
		};
	}
	if (candidate === undefined || candidate.n === 0) {
		return { promote: true, reason: 'no held-out examples to compare on (the base set is too small); promoted without comparison' };
	}
	const delta = candidate[metric] - current.report[metric];
	const comparison =
		`held-out ${name} ${format(candidate[metric])} vs ${format(current.report[metric])} for version ${current.version} ` +
		`(${delta >= 0 ? '+' : ''}${format(delta)}, ${candidate.n} examples)`;
	return delta >= -tolerance - ROUNDING_SLACK
		? { promote: true, reason: `${comparison}: not worse than the tolerance ${tolerance} allows` }
		: { promote: false, reason: `${comparison}: worse by more than the tolerance ${tolerance}, the current version stays` };
}

type Scores = Pick<LabelMetrics, 'precision' | 'recall' | 'f1'>;

export interface LabelChange {
	label: string;
	/** Held-out examples with this gold label. */
	support: number;
	/** A label the current version does not know (from feedback or a first version). */
	isNew: boolean;
	current?: Scores;
	candidate?: Scores;
	/** Candidate F1 − current F1, when both were measured. */
	f1Change?: number;
}

const scores = (metrics: LabelMetrics | undefined): Scores | undefined =>
	metrics && { precision: metrics.precision, recall: metrics.recall, f1: metrics.f1 };

/**
 * Per label, how the candidate compares with the current version on the held-out split, plus the
 * labels it adds (which the held-out split, being base examples, may not contain).
 */
export function labelChanges(
	candidateLabels: readonly string[],
	currentLabels: readonly string[] | undefined,
	candidate: EvaluationReport | undefined,
	current: EvaluationReport | undefined,
): LabelChange[] {
	const known = new Set(currentLabels ?? []);
	const heldOutLabels = candidate ? Object.keys(candidate.perLabel).filter((label) => candidate.perLabel[label].support > 0) : [];
	const labels = [...new Set([...heldOutLabels, ...candidateLabels.filter((label) => !known.has(label))])].sort();
	return labels.map((label) => {
		const before = scores(current?.perLabel[label]);
		const after = scores(candidate?.perLabel[label]);
		return {
			label,
			support: candidate?.perLabel[label]?.support ?? 0,
			isNew: !known.has(label),
			...(before ? { current: before } : {}),
			...(after ? { candidate: after } : {}),
			...(before && after ? { f1Change: after.f1 - before.f1 } : {}),
		};
	});
}
