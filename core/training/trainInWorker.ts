import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

import type { LabelledExample } from '../data/labelled';
import { DataError } from '../data/table';
import type { TrainedModel, TrainOptions } from './train';
import type { TrainingMessage, TrainingRequest } from './trainingWorker';

/**
 * The compiled worker script. Next to this module in the build; when this module runs from source
 * (ts-jest, tsx) there is no .js beside it, so the built copy in dist/ is used (tests run after
 * `npm run build`).
 */
function workerScript(): string {
	const beside = join(__dirname, 'trainingWorker.js');
	if (existsSync(beside)) return beside;
	const built = resolve(__dirname, '..', '..', 'dist', 'core', 'training', 'trainingWorker.js');
	if (existsSync(built)) return built;
	throw new Error(`training worker script not found (looked for ${beside} and ${built}); run npm run build`);
}

export interface WorkerTrainOptions extends TrainOptions {
	/** Aborting stops the training (the worker is terminated) and rejects with an AbortError. */
	signal?: AbortSignal;
}

interface PendingTraining {
	request: TrainingRequest;
	resolve: (trained: TrainedModel) => void;
	reject: (error: Error) => void;
	onProgress?: TrainOptions['onProgress'];
}

/** Errors keep their class across the thread boundary where callers may test for it. */
function rebuildError(name: string, message: string): Error {
	const error = name === 'DataError' ? new DataError(message) : new Error(message);
	error.name = name;
	return error;
}

/**
 * A worker thread and the trainings queued for it. The worker gets one training at a time (the first
 * pending one); the others wait here, so dropping one of them never needs the thread stopped.
 */
class TrainingThread {
	readonly worker = new Worker(workerScript());
	readonly pending = new Map<number, PendingTraining>();

	constructor(onGone: (thread: TrainingThread) => void) {
		this.worker.unref();
		this.worker.on('message', (message: TrainingMessage) => {
			const training = this.pending.get(message.id);
			if (!training) return;
			if (message.type === 'progress') {
				training.onProgress?.(message.progress);
				return;
			}
			this.forget(message.id);
			this.startNext();
			if (message.type === 'done') training.resolve(message.trained);
			else training.reject(rebuildError(message.name, message.message));
		});
		const failAll = (error: Error) => {
			onGone(this);
			for (const training of this.pending.values()) training.reject(error);
			this.pending.clear();
		};
		this.worker.on('error', failAll);
		this.worker.on('exit', (code) => failAll(new Error(`training worker exited with code ${code}`)));
	}

	submit(id: number, training: PendingTraining): void {
		this.pending.set(id, training);
		this.worker.ref(); // until the training answers: a pending promise alone does not keep Node running
		if (this.pending.size === 1) this.startNext();
	}

	/** Whether the worker is running this training (rather than it waiting its turn). */
	isRunning(id: number): boolean {
		return this.pending.keys().next().value === id;
	}

	private startNext(): void {
		const next = this.pending.values().next().value;
		if (next) this.worker.postMessage(next.request);
	}

	/** Drops a training; true if it was still pending. */
	forget(id: number): boolean {
		const known = this.pending.delete(id);
		if (this.pending.size === 0) this.worker.unref();
		return known;
	}
}

/** One long-lived thread per process; trainings queue in it. Idle, it does not keep the process alive. */
let thread: TrainingThread | undefined;
let nextId = 1;

function trainingThread(): TrainingThread {
	thread ??= new TrainingThread((gone) => {
		if (thread === gone) thread = undefined;
	});
	return thread;
}

/** {@link trainClassifier} in a worker thread, so that the caller's event loop never blocks. */
export function trainClassifierInWorker(
	examples: readonly LabelledExample[],
	options: WorkerTrainOptions = {},
): Promise<TrainedModel> {
	const { onProgress, signal, ...rest } = options;
	if (signal?.aborted) return Promise.reject(new DOMException('training aborted', 'AbortError'));
	return new Promise((resolvePromise, reject) => {
		const id = nextId++;
		const abort = () => {
			// Every pending training is in the current thread (a thread that goes hands its waiting ones on).
			const target = thread;
			if (target === undefined) return;
			const running = target.isRunning(id);
			if (!target.forget(id)) return;
			reject(new DOMException('training aborted', 'AbortError'));
			if (!running) return;
			// A synchronous training cannot be interrupted: the thread goes, and the trainings waiting
			// behind it move to a fresh one.
			thread = undefined;
			const waiting = [...target.pending];
			target.pending.clear();
			void target.worker.terminate();
			for (const [waitingId, training] of waiting) trainingThread().submit(waitingId, training);
		};
		signal?.addEventListener('abort', abort, { once: true });
		const done = () => signal?.removeEventListener('abort', abort);
		trainingThread().submit(id, {
			request: { id, examples: [...examples], options: rest },
			resolve: (trained) => {
				done();
				resolvePromise(trained);
			},
			reject: (error) => {
				done();
				reject(error);
			},
			onProgress,
		});
	});
}
