import { parentPort } from 'node:worker_threads';

import type { LabelledExample } from '../data/labelled';
import { trainClassifier, type TrainedModel, type TrainingProgress, type TrainOptions } from './train';

/**
 * Worker entry. The worker stays alive between trainings (jieba's dictionary, ≈ 0.5 s, loads once)
 * and trains one request at a time, posting progress, then the model or the error.
 */
export interface TrainingRequest {
	id: number;
	examples: LabelledExample[];
	options: Omit<TrainOptions, 'onProgress'>;
}

export type TrainingMessage =
	| { id: number; type: 'progress'; progress: TrainingProgress }
	| { id: number; type: 'done'; trained: TrainedModel }
	| { id: number; type: 'error'; name: string; message: string };

const port = parentPort;
port?.on('message', ({ id, examples, options }: TrainingRequest) => {
	try {
		const trained = trainClassifier(examples, {
			...options,
			onProgress: (progress) => port.postMessage({ id, type: 'progress', progress } satisfies TrainingMessage),
		});
		port.postMessage({ id, type: 'done', trained } satisfies TrainingMessage, [trained.onnx.buffer as ArrayBuffer]);
	} catch (error) {
		port.postMessage({ id, type: 'error', name: error.name, message: error.message } satisfies TrainingMessage);
	}
});
