import { InferenceSession } from 'onnxruntime-node';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface ProviderSession {
	session: InferenceSession;
	/** Where it really runs: CUDA falls back to the CPU when its libraries cannot be loaded. */
	provider: ExecutionProvider;
}

/**
 * An ONNX Runtime session on the requested provider. CUDA that cannot be loaded (no GPU, or the CUDA
 * provider not installed next to onnxruntime-node) is reported through `warn` and the CPU is used.
 */
export async function createSession(
	modelPath: string,
	provider: ExecutionProvider,
	warn: (message: string) => void,
): Promise<ProviderSession> {
	if (provider === 'cuda') {
		try {
			const session = await InferenceSession.create(modelPath, { executionProviders: ['cuda', 'cpu'] });
			return { session, provider: 'cuda' };
		} catch (error) {
			warn(`CUDA execution provider unavailable (${(error as Error).message.split('\n')[0]}); running on the CPU`);
		}
	}
	const session = await InferenceSession.create(modelPath, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
	return { session, provider: 'cpu' };
}
