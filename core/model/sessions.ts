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

export type ExecutionProvider = 'cpu' | 'cuda';

export interface ProviderSession {
	session: InferenceSession;
	/** Where it really runs: CUDA falls back to the CPU when its libraries cannot be loaded. */
	provider: ExecutionProvider;
}

/** Set after the first failed CUDA attempt: later sessions go straight to the CPU, without warnings. */
let cudaUnavailable = false;

/**
 * An ONNX Runtime session for a model file or its bytes on the requested provider. CUDA that cannot
 * be loaded (no GPU, or the CUDA provider not installed next to onnxruntime-node) is reported once
 * per process through the logger (default: stderr) and the CPU is used: a missing GPU never fails a node.
 * `intraOpNumThreads` 0 leaves ONNX Runtime's own default (all cores), for large models.
 */
export async function openSession(model: string | Uint8Array, options: ClassifierOptions = {}): Promise<ProviderSession> {
	const { InferenceSession } = loadOnnxRuntime();
	// Batch shapes change from run to run: memory patterns (planned per input shape, and kept) would only grow.
	const common = { intraOpNumThreads: options.intraOpNumThreads ?? 1, interOpNumThreads: 1, enableMemPattern: false };
	const create = (settings: InferenceSession.SessionOptions) =>
		typeof model === 'string' ? InferenceSession.create(model, settings) : InferenceSession.create(model, settings);
	if (options.executionProvider === 'cuda' && !cudaUnavailable) {
		try {
			// Fatal-only native logging: the failure is reported once, below, in words.
			return { session: await create({ ...common, executionProviders: ['cuda'], logSeverityLevel: 4 }), provider: 'cuda' };
		} catch (error) {
			cudaUnavailable = true;
			const message = `CUDA execution provider unavailable (${String(error.message).split('\n')[0]}); running on CPU`;
			if (options.logger) options.logger.warn(message);
			else process.stderr.write(`support-ai: warning: ${message}\n`);
		}
	}
	return { session: await create({ ...common, executionProviders: ['cpu'] }), provider: 'cpu' };
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
	const session = openSession(path, options).then(({ session: opened }) => opened);
	sessions.set(key, { path, version, session });
	session.catch(() => sessions.delete(key));
	return await session;
}
