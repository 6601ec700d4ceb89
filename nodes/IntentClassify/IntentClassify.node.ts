import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { configuredOutputs, intentClassifyProperties } from './description';
import { classifyItems } from './execute';
import { listTrainedModels } from '../shared/modelStore';
import { listModelIntents } from './loadOptions';

export class IntentClassify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intent Classify',
		name: 'intentClassify',
		icon: { light: 'file:../../icons/intentClassify.svg', dark: 'file:../../icons/intentClassify.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["modelSource"] === "builtIn" ? $parameter["builtInModel"] : $parameter["modelSource"] }}',
		description: 'Classify customer messages (Chinese, English, mixed) into intents, offline, with confidences',
		defaults: { name: 'Intent Classify' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties: intentClassifyProperties,
	};

	methods = { loadOptions: { listTrainedModels, listModelIntents } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await classifyItems.call(this);
	}
}
