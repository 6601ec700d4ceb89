import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listTrainedModels } from '../shared/modelStore';
import { configuredOutputs, sentimentProperties } from './description';
import { analyzeItems } from './execute';

export class Sentiment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sentiment',
		name: 'sentiment',
		icon: { light: 'file:../../icons/sentiment.svg', dark: 'file:../../icons/sentiment.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["inputMode"] === "conversation" ? "conversation" : $parameter["modelSource"] }}',
		description: 'Sentiment, intensity, emotion and escalation signals of customer messages in Chinese and English, offline',
		defaults: { name: 'Sentiment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties: sentimentProperties,
	};

	methods = { loadOptions: { listTrainedModels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await analyzeItems.call(this);
	}
}
