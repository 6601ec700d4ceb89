/** A prediction as evaluation needs it: the decided label and the model's confidence in it. */
export interface ScoredLabel {
	label: string;
	confidence: number;
}

export interface LabelMetrics {
	precision: number;
	recall: number;
	f1: number;
	/** Gold examples with this label. */
	support: number;
}

export interface EvaluationReport {
	n: number;
	accuracy: number;
	/** Unweighted mean F1 over the gold labels (labels only ever predicted do not count). */
	macroF1: number;
	/** Expected calibration error over 10 equal-width confidence bins. */
	ece: number;
	perLabel: Record<string, LabelMetrics>;
	/** Gold labels first (sorted), then labels that were only predicted. */
	labels: string[];
	/** `confusion[gold][predicted]`, indexes into `labels`. */
	confusion: number[][];
	/** With an OOS label: accuracy over examples whose gold label is not the OOS label. */
	inScopeAccuracy?: number;
	/** With an OOS label: share of OOS examples predicted as OOS. */
	oosRecall?: number;
	/** With an OOS label: share of OOS predictions that are OOS. */
	oosPrecision?: number;
}

export interface EvaluationOptions {
	/** The out-of-scope label: enables `inScopeAccuracy`, `oosRecall` and `oosPrecision`. */
	oosLabel?: string;
}

const CALIBRATION_BINS = 10;
const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

/** Expected calibration error: mean |accuracy − confidence| over confidence bins, weighted by size. */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[]): number {
	const count = new Array<number>(CALIBRATION_BINS).fill(0);
	const confidenceSum = new Array<number>(CALIBRATION_BINS).fill(0);
	const correctSum = new Array<number>(CALIBRATION_BINS).fill(0);
	confidences.forEach((confidence, i) => {
		const bin = Math.min(CALIBRATION_BINS - 1, Math.floor(confidence * CALIBRATION_BINS));
		count[bin]++;
		confidenceSum[bin] += confidence;
		if (correct[i]) correctSum[bin]++;
	});
	let error = 0;
	for (let bin = 0; bin < CALIBRATION_BINS; bin++) {
		if (count[bin] > 0) error += (count[bin] / confidences.length) * Math.abs(correctSum[bin] - confidenceSum[bin]) / count[bin];
	}
	return error;
}

/** Accuracy, macro-F1, per-label precision/recall, confusion matrix, ECE and OOS metrics. */
export function evaluatePredictions(
	gold: readonly string[],
	predictions: readonly ScoredLabel[],
	options: EvaluationOptions = {},
): EvaluationReport {
	if (gold.length !== predictions.length) {
		throw new Error(`evaluation needs one prediction per gold label (${gold.length} gold, ${predictions.length} predicted)`);
	}
	const goldLabels = [...new Set(gold)].sort();
	const predictedOnly = [...new Set(predictions.map((p) => p.label))].filter((label) => !goldLabels.includes(label)).sort();
	const labels = [...goldLabels, ...predictedOnly];
	const index = new Map(labels.map((label, i) => [label, i]));
	const confusion = labels.map(() => new Array<number>(labels.length).fill(0));
	const correct = predictions.map((prediction, i) => prediction.label === gold[i]);
	gold.forEach((label, i) => confusion[index.get(label)!][index.get(predictions[i].label)!]++);

	const perLabel: Record<string, LabelMetrics> = {};
	labels.forEach((label, i) => {
		const truePositives = confusion[i][i];
		const support = confusion[i].reduce((sum, value) => sum + value, 0);
		const predicted = confusion.reduce((sum, row) => sum + row[i], 0);
		const precision = ratio(truePositives, predicted);
		const recall = ratio(truePositives, support);
		perLabel[label] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
	});

	const report: EvaluationReport = {
		n: gold.length,
		accuracy: ratio(correct.filter(Boolean).length, gold.length),
		macroF1: ratio(
			goldLabels.reduce((sum, label) => sum + perLabel[label].f1, 0),
			goldLabels.length,
		),
		ece: expectedCalibrationError(
			predictions.map((p) => p.confidence),
			correct,
		),
		perLabel,
		labels,
		confusion,
	};
	const { oosLabel } = options;
	if (oosLabel !== undefined) {
		const inScope = gold.map((label) => label !== oosLabel);
		report.inScopeAccuracy = ratio(
			correct.filter((ok, i) => ok && inScope[i]).length,
			inScope.filter(Boolean).length,
		);
		const oosCount = inScope.filter((isIn) => !isIn).length;
		const oosHits = predictions.filter((p, i) => !inScope[i] && p.label === oosLabel).length;
		report.oosRecall = ratio(oosHits, oosCount);
		report.oosPrecision = ratio(oosHits, predictions.filter((p) => p.label === oosLabel).length);
	}
	return report;
}

/** The headline numbers of a report (what model.json and the CLI's JSON line carry). */
export function summarizeReport(report: EvaluationReport): Record<string, number> {
	const summary: Record<string, number> = {
		n: report.n,
		accuracy: report.accuracy,
		macroF1: report.macroF1,
		ece: report.ece,
	};
	if (report.inScopeAccuracy !== undefined) summary.inScopeAccuracy = report.inScopeAccuracy;
	if (report.oosRecall !== undefined) summary.oosRecall = report.oosRecall;
	if (report.oosPrecision !== undefined) summary.oosPrecision = report.oosPrecision;
	return summary;
}
