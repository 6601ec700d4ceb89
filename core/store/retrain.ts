import type { LabelledExample } from '../data/labelled';
import { evaluateClassifier } from '../evaluation/evaluateClassifier';
import { summarizeReport, type EvaluationReport } from '../evaluation/metrics';
import { TextClassifier } from '../model/textClassifier';
import { writeModel } from '../model/writeModel';
import { trainClassifierInWorker } from '../training/trainInWorker';
import { gateDecision, labelChanges, type CurrentVersion, type GateMetric, type LabelChange } from './gate';
import { versionFolderName } from './layout';
import type { ResolvedDataset } from './dataset';
import type { ModelStore } from './modelStore';

export interface RetrainOptions {
	/** How much worse than the current version (absolute, 0.01 = one point) may still be promoted. Default 0.01. */
	tolerance?: number;
	/** Held-out metric the gate compares. Default accuracy. */
	metric?: GateMetric;
	/** When another retrain of the model runs: fail with TrainingInProgressError, or wait for it. Default fail. */
	ifTrainingInProgress?: 'fail' | 'wait';
	/** Longest wait for the training lock with `wait`. Default 10 minutes. */
	waitTimeoutMs?: number;
	/**
	 * Copies of each corrected text in the training data. A correction is one message among thousands;
	 * a few copies make the model follow it (default 3).
	 */
	feedbackWeight?: number;
	seed?: number;
	executionProvider?: 'cpu' | 'cuda';
	signal?: AbortSignal;
	/** One line per step and training epoch (the node sends them to n8n's log). */
	onProgress?: (message: string) => void;
}

export interface VersionEvaluation {
	version: number;
	/** Held-out summary: n, accuracy, macroF1, ece (+ OOS metrics when the model has an OOS label). */
	metrics?: Record<string, number>;
	/** Why there are no metrics (the version could not be loaded). */
	error?: string;
}

export interface RetrainResult {
	model: string;
	/** The version this retrain trained (kept even when refused, so it can be evaluated or rolled to). */
	candidateVersion: number;
	promoted: boolean;
	reason: string;
	/** The promoted version after this retrain. */
	promotedVersion: number;
	/** The promoted version before it (absent for a first version). */
	previousVersion?: number;
	metric: GateMetric;
	tolerance: number;
	candidate: VersionEvaluation;
	current?: VersionEvaluation;
	perLabel: LabelChange[];
	/** Labels the candidate has and the previous version did not. */
	newLabels: string[];
	data: {
		trainingExamples: number;
		heldOutExamples: number;
		feedbackRecords: number;
		correctedTexts: number;
		feedbackThrough: number;
	};
	seconds: { waitingForLock: number; training: number; evaluation: number; total: number };
	/** The candidate's full held-out report (confusion matrix for the picture); absent without held-out data. */
	candidateReport?: EvaluationReport;
}

export const DEFAULT_TOLERANCE = 0.01;
export const DEFAULT_FEEDBACK_WEIGHT = 3;
const DEFAULT_WAIT_MS = 10 * 60_000;

const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

/** Base training examples, then every corrected text `weight` times. */
function trainingExamples(data: ResolvedDataset, weight: number): LabelledExample[] {
	const examples = [...data.baseTraining];
	for (let copy = 0; copy < weight; copy++) examples.push(...data.corrections);
	return examples;
}

/**
 * Retrains a model on its base set + feedback: takes the model's training lock, trains a candidate
 * in a worker thread, publishes it as the next version folder, evaluates it and the promoted version
 * on the same held-out split, and commits it — promoted when the gate allows, refused otherwise.
 */
export async function retrainModel(store: ModelStore, name: string, options: RetrainOptions = {}): Promise<RetrainResult> {
	const started = performance.now();
	const metric = options.metric ?? 'accuracy';
	const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
	const progress = options.onProgress ?? (() => undefined);
	const classifierOptions = { executionProvider: options.executionProvider ?? 'cpu' } as const;

	const session = await store.startTraining(name, {
		wait: options.ifTrainingInProgress === 'wait',
		timeoutMs: options.waitTimeoutMs ?? DEFAULT_WAIT_MS,
		signal: options.signal,
	});
	try {
		const lockSeconds = seconds(started);
		const data = session.readData();
		const previous = session.promotedVersion();
		const version = session.nextVersion();
		const knownLabels = previous === undefined ? undefined : session.labelsOf(previous);
		const training = trainingExamples(data, Math.max(1, Math.round(options.feedbackWeight ?? DEFAULT_FEEDBACK_WEIGHT)));
		const distinctExamples = data.baseTraining.length + data.corrections.length;
		progress(
			`${name} ${versionFolderName(version)}: training on ${distinctExamples} examples ` +
				`(${data.corrections.length} corrected texts from ${data.feedbackRecords} feedback records), ${data.heldOut.length} held out`,
		);
		const trainingStarted = performance.now();
		const trained = await trainClassifierInWorker(training, {
			name,
			version: String(version),
			oosLabel: data.oosLabel,
			seed: options.seed,
			signal: options.signal,
			onProgress: ({ message }) => progress(`${name} ${versionFolderName(version)}: ${message}`),
		});
		const trainingSeconds = seconds(trainingStarted);
		const modelDir = await session.writeVersionFolder(version, async (folder) => await writeModel(folder, trained));

		progress(`${name} ${versionFolderName(version)}: evaluating on ${data.heldOut.length} held-out examples`);
		const evaluationStarted = performance.now();
		const evaluate = async (classifier: TextClassifier) =>
			data.heldOut.length === 0 ? undefined : await evaluateClassifier(classifier, data.heldOut, { oosLabel: data.oosLabel });
		const candidateReport = await evaluate(await TextClassifier.load(modelDir, classifierOptions));
		let current: CurrentVersion | undefined;
		if (previous !== undefined) {
			try {
				const classifier = await TextClassifier.load(await store.completeVersionFolder(name, previous), classifierOptions);
				current = { version: previous, report: await evaluate(classifier) };
			} catch (error) {
				current = { version: previous, loadError: (error as Error).message };
			}
		}
		const evaluationSeconds = seconds(evaluationStarted);

		const decision = gateDecision({ metric, tolerance, candidate: candidateReport, current });
		const candidateMetrics = candidateReport && summarizeReport(candidateReport);
		const { committed, promotedVersion } = session.commitVersion(
			{
				version,
				folder: versionFolderName(version),
				createdAt: trained.manifest.createdAt,
				decision: decision.promote ? 'promoted' : 'refused',
				reason: decision.reason,
				labels: trained.manifest.labels,
				trainingExamples: distinctExamples,
				feedbackThrough: data.feedbackThrough,
				...(candidateMetrics ? { heldOutMetrics: candidateMetrics } : {}),
				trainingSeconds,
			},
			previous,
		);
		const promoted = committed.decision === 'promoted';
		progress(`${name} ${versionFolderName(version)}: ${committed.decision}: ${committed.reason}`);

		return {
			model: name,
			candidateVersion: version,
			promoted,
			reason: committed.reason,
			promotedVersion,
			...(previous === undefined ? {} : { previousVersion: previous }),
			metric,
			tolerance,
			candidate: { version, ...(candidateMetrics ? { metrics: candidateMetrics } : {}) },
			...(current === undefined
				? {}
				: {
						current: {
							version: current.version,
							...(current.report ? { metrics: summarizeReport(current.report) } : {}),
							...(current.loadError === undefined ? {} : { error: current.loadError }),
						},
					}),
			perLabel: labelChanges(trained.manifest.labels, knownLabels, candidateReport, current?.report),
			newLabels: knownLabels === undefined ? [] : trained.manifest.labels.filter((label) => !knownLabels.includes(label)),
			data: {
				trainingExamples: distinctExamples,
				heldOutExamples: data.heldOut.length,
				feedbackRecords: data.feedbackRecords,
				correctedTexts: data.corrections.length,
				feedbackThrough: data.feedbackThrough,
			},
			seconds: { waitingForLock: lockSeconds, training: trainingSeconds, evaluation: evaluationSeconds, total: seconds(started) },
			...(candidateReport ? { candidateReport } : {}),
		};
	} finally {
		session.close();
	}
}
