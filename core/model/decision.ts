/** When a prediction is out of scope (the node's fallback branch). */
export interface Thresholds {
	/** Top-1 probability below this → out of scope (`low_confidence`). */
	confidence: number;
	/** Top-1 minus top-2 probability below this → out of scope (`ambiguous`). */
	margin: number;
}

export type OutOfScopeReason = 'empty_text' | 'low_confidence' | 'ambiguous' | 'out_of_scope_label';

/** Why the best class is not accepted, or undefined when it is. */
export function outOfScopeReason(
	top1: number,
	top2: number,
	topIsOutOfScopeClass: boolean,
	thresholds: Thresholds,
): OutOfScopeReason | undefined {
	if (topIsOutOfScopeClass) return 'out_of_scope_label';
	if (top1 < thresholds.confidence) return 'low_confidence';
	if (top1 - top2 < thresholds.margin) return 'ambiguous';
	return undefined;
}

const CONFIDENCE_GRID = Array.from({ length: 96 }, (_, i) => i / 100);
const MARGIN_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2];

/**
 * What a wrong answer costs, in right answers: a right one saves a hand-over, a wrong one costs the
 * customer a round trip before the hand-over. So a prediction is worth accepting when it is right at
 * least one time in three. On CLINC150 validation (three seeds) a cost of 1 — right at least half the
 * time — kept in-scope accuracy at 90.3–90.8 % for 79–84 % OOS recall; 0.5 gives 92.1–92.3 % for 71–73 %.
 */
export const WRONG_ANSWER_COST = 0.5;

/**
 * Chooses the confidence threshold and ambiguity margin on validation predictions, maximizing the
 * value of the decisions: an accepted prediction scores +1 when right and −{@link WRONG_ANSWER_COST}
 * when wrong (accepting an example of `oosClass`, the gold out-of-scope label, is wrong), a fallback
 * scores 0. Ties go to the lower threshold (fewer fallbacks).
 *
 * @param probabilities `[n × classes]` validation probabilities
 */
export function chooseThresholds(
	probabilities: Float32Array,
	gold: Int32Array,
	classes: number,
	oosClass?: number,
): Thresholds {
	const n = gold.length;
	const top1 = new Float64Array(n);
	const top2 = new Float64Array(n);
	const correct = new Uint8Array(n);
	const predictedOos = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		let best = 0;
		let second = -1;
		for (let c = 1; c < classes; c++) {
			const p = probabilities[i * classes + c];
			if (p > probabilities[i * classes + best]) {
				second = best;
				best = c;
			} else if (second < 0 || p > probabilities[i * classes + second]) {
				second = c;
			}
		}
		top1[i] = probabilities[i * classes + best];
		top2[i] = second < 0 ? 0 : probabilities[i * classes + second];
		correct[i] = best === gold[i] ? 1 : 0;
		predictedOos[i] = best === oosClass ? 1 : 0;
	}

	let best: Thresholds = { confidence: 0, margin: 0 };
	let bestScore = -Infinity;
	for (const margin of MARGIN_GRID) {
		for (const confidence of CONFIDENCE_GRID) {
			let acceptedCorrect = 0;
			let acceptedWrong = 0;
			for (let i = 0; i < n; i++) {
				if (predictedOos[i] || top1[i] < confidence || top1[i] - top2[i] < margin) continue;
				if (correct[i]) acceptedCorrect++;
				else acceptedWrong++;
			}
			const score = acceptedCorrect - WRONG_ANSWER_COST * acceptedWrong;
			if (score > bestScore + 1e-12) {
				bestScore = score;
				best = { confidence, margin };
			}
		}
	}
	return best;
}

export interface LabelScore {
	label: string;
	confidence: number;
}

export interface Decision {
	/** The best class, or the OOS label when out of scope. */
	label: string;
	/** Top-1 probability. */
	confidence: number;
	isOutOfScope: boolean;
	reason?: OutOfScopeReason;
	topK: LabelScore[];
}

/** Decision for one row of class probabilities. */
export function decide(
	probabilities: ArrayLike<number>,
	labels: readonly string[],
	thresholds: Thresholds,
	oos: { label: string; classIndex?: number },
	topK: number,
): Decision {
	const order = topClasses(probabilities, labels.length, Math.max(2, topK));
	const [best, second] = order;
	const confidence = probabilities[best];
	const reason = outOfScopeReason(confidence, second === undefined ? 0 : probabilities[second], best === oos.classIndex, thresholds);
	return {
		label: reason ? oos.label : labels[best],
		confidence,
		isOutOfScope: reason !== undefined,
		...(reason ? { reason } : {}),
		topK: order.slice(0, Math.max(0, topK)).map((c) => ({ label: labels[c], confidence: probabilities[c] })),
	};
}

/**
 * The `count` most probable classes, best first, ties to the lower index: the head of the full sort,
 * found by insertion, since a row has many classes and only the first few are wanted.
 */
function topClasses(probabilities: ArrayLike<number>, classes: number, count: number): number[] {
	const top: number[] = [];
	for (let c = 0; c < classes; c++) {
		const p = probabilities[c];
		if (top.length === count) {
			if (!(p > probabilities[top[count - 1]])) continue;
			top.pop();
		}
		let at = top.length;
		while (at > 0 && p > probabilities[top[at - 1]]) at--;
		top.splice(at, 0, c);
	}
	return top;
}

const TEMPERATURE_GRID = Array.from({ length: 60 }, (_, i) => 0.05 * 1.08 ** i);

/** Probabilities re-tempered: softmax(log p / temperature), row by row. */
export function temper(probabilities: Float32Array, classes: number, temperature: number): Float32Array {
	const tempered = new Float32Array(probabilities.length);
	for (let offset = 0; offset < probabilities.length; offset += classes) {
		let largest = -Infinity;
		for (let c = 0; c < classes; c++) {
			tempered[offset + c] = Math.log(Math.max(probabilities[offset + c], 1e-30)) / temperature;
			largest = Math.max(largest, tempered[offset + c]);
		}
		let sum = 0;
		for (let c = 0; c < classes; c++) sum += tempered[offset + c] = Math.exp(tempered[offset + c] - largest);
		for (let c = 0; c < classes; c++) tempered[offset + c] /= sum;
	}
	return tempered;
}

/**
 * Temperature scaling: the softmax temperature that minimizes validation log-loss, so that a
 * confidence of 0.8 means right about 80 % of the time. Early stopping leaves models underconfident.
 * Gold labels < 0 (unknown to the model) are ignored.
 */
export function chooseTemperature(probabilities: Float32Array, gold: Int32Array, classes: number): number {
	let best = 1;
	let bestLoss = Infinity;
	for (const temperature of TEMPERATURE_GRID) {
		const tempered = temper(probabilities, classes, temperature);
		let loss = 0;
		gold.forEach((label, i) => {
			if (label >= 0) loss -= Math.log(Math.max(tempered[i * classes + label], 1e-30));
		});
		if (loss < bestLoss) {
			bestLoss = loss;
			best = temperature;
		}
	}
	return best;
}
