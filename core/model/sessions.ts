import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { InferenceSession } from 'onnxruntime-node';

import type { ClassifierOptions } from './textClassifier';

type OnnxRuntime = typeof import('onnxruntime-node');
let onnxRuntime: OnnxRuntime | undefined;

/** onnxruntime-node, loaded on first use: its native library must not load when a module is imported. */
export function loadOnnxRuntime(): OnnxRuntime {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	onnxRuntime ??= require('onnxruntime-node') as OnnxRuntime;
	return onnxRuntime;
}

let cudaWarningGiven = false;

async function newSession(modelPath: string, options: ClassifierOptions): Promise<InferenceSession> {
	const { InferenceSession } = loadOnnxRuntime();
	const common = { intraOpNumThreads: options.intraOpNumThreads ?? 1, interOpNumThreads: 1 };
	if (options.executionProvider === 'cuda') {
		try {
			return await InferenceSession.create(modelPath, { ...common, executionProviders: ['cuda'] });
		} catch (error) {
			if (!cudaWarningGiven) {
				cudaWarningGiven = true;
				const message = `CUDA execution provider unavailable (${String(error.message).split('\n')[0]}); running on CPU`;
				if (options.logger) options.logger.warn(message);
				else process.stderr.write(`support-ai: warning: ${message}\n`);
			}
		}
	}
	return await InferenceSession.create(modelPath, { ...common, executionProviders: ['cpu'] });
}

/** Sessions by [path, file version, provider, threads]. */
const sessions = new Map<string, { path: string; version: string; session: Promise<InferenceSession> }>();

/**
 * The process-wide ONNX Runtime session for a model file. The file is read from its path (so an
 * external-data file beside it loads too); a file replaced since (other mtime or size) gets a new
 * session and the old one is dropped, while runs in flight keep theirs. `cuda` falls back to the CPU
 * with one warning per process. Rejects with ONNX Runtime's or the file system's error: callers
 * name the file to the user.
 */
export async function createSession(modelPath: string, options: ClassifierOptions = {}): Promise<InferenceSession> {
	const path = resolve(modelPath);
	const { mtimeMs, size } = await stat(path);
	const version = `${mtimeMs}:${size}`;
	const key = JSON.stringify([path, version, options.executionProvider ?? 'cpu', options.intraOpNumThreads ?? 1]);
	const cached = sessions.get(key);
	if (cached) return await cached.session;
	for (const [otherKey, other] of sessions) if (other.path === path && other.version !== version) sessions.delete(otherKey);
	const session = newSession(path, options);
	sessions.set(key, { path, version, session });
	session.catch(() => sessions.delete(key));
	return await session;
}
