import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { answerWithModel } from '../../core/generation/modelAnswer';
import type { Answer } from '../../core/generation/types';
import { generateOptions, readGenerationInput, readModelSettings, readSampling } from './itemInput';

/**
 * Local ONNX LLM mode: the model folder is loaded once per process (ONNX Runtime, tokenizer, chat
 * template) and asked with the facts; loading it up front reports a broken folder even for items the
 * templates answer.
 */
export async function answerWithLocalModel(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): Promise<Answer> {
	const folder = String(context.getNodeParameter('modelFolder', itemIndex, '')).trim();
	if (folder === '') {
		throw new NodeOperationError(context.getNode(), 'Model Folder is empty: give the folder of an ONNX export of the model', { itemIndex });
	}
	const options = generateOptions(context, itemIndex);
	// Loaded on first use, so n8n does not load the tokenizer and template engine with the node.
	const { loadLocalLlm } = await import('../../core/generation/llm/localLlm');
	const llm = await loadLocalLlm(folder, options.executionProvider ?? 'cpu', (message) => context.logger.warn(message));
	const sampling = readSampling(options);
	const input = readGenerationInput(context, item, itemIndex);
	return await answerWithModel(input, 'llm', readModelSettings(context, itemIndex), async (messages) => {
		const generation = await llm.generate(messages, {
			...sampling,
			topK: options.topK ?? 0,
			repetitionPenalty: options.repetitionPenalty,
			timeoutMs: (options.timeout ?? 60) * 1000,
		});
		return {
			text: generation.text,
			model: { name: llm.name, source: llm.folder, executionProvider: llm.executionProvider },
			timing: {
				promptTokens: generation.promptTokens,
				generatedTokens: generation.generatedTokens,
				firstTokenMs: generation.firstTokenMs,
				...(generation.tokensPerSecond !== undefined && { tokensPerSecond: generation.tokensPerSecond }),
			},
		};
	});
}
