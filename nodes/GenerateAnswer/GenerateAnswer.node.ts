import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { Answer } from '../../core/generation/types';
import { withFields } from '../shared/outputItem';
import { generateAnswerProperties } from './description';
import { answerWithEndpoint } from './endpointMode';
import { generateOptions, withAnswer } from './itemInput';
import { answerWithLocalModel } from './llmMode';
import { answerWithTemplates } from './templateMode';

type Mode = (context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number) => Promise<Answer>;

const modes: Record<string, Mode> = {
	template: answerWithTemplates,
	llm: answerWithLocalModel,
	endpoint: answerWithEndpoint,
};

export class GenerateAnswer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Generate Answer',
		name: 'generateAnswer',
		icon: { light: 'file:../../icons/generateAnswer.svg', dark: 'file:../../icons/generateAnswer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ { template: "Templates", llm: "Local ONNX LLM", endpoint: "OpenAI-Compatible Endpoint" }[$parameter["mode"]] }}',
		description: 'Write the reply to a customer from the recognised intent and the knowledge-graph facts, grounded and in their language',
		defaults: { name: 'Generate Answer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiCompatibleApi', required: true, displayOptions: { show: { mode: ['endpoint'] } } }],
		properties: generateAnswerProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const answer = modes[this.getNodeParameter('mode', 0) as string];
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = await answer(this, items[itemIndex], itemIndex);
				output.push(withAnswer(this, items[itemIndex], itemIndex, result, generateOptions(this, itemIndex).outputField));
			} catch (error) {
				const nodeError =
					error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				if (!this.continueOnFail()) throw nodeError;
				output.push(withFields(items[itemIndex], itemIndex, { error: nodeError.message }));
			}
		}
		return [output];
	}
}
