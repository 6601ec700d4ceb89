import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listTrainedModels } from '../shared/modelStore';
import { feedbackRetrainProperties } from './description';
import { createModel } from './operations/createModel';
import { evaluate } from './operations/evaluate';
import { exportDataset } from './operations/exportDataset';
import { listVersions } from './operations/listVersions';
import { recordFeedback } from './operations/recordFeedback';
import { retrain } from './operations/retrain';
import { rollBack } from './operations/rollBack';

const operations: Record<string, (context: IExecuteFunctions) => Promise<INodeExecutionData[]>> = {
	recordFeedback,
	retrain,
	evaluate,
	listVersions,
	rollBack,
	exportDataset,
	createModel,
};

export class FeedbackRetrain implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feedback & Retrain',
		name: 'feedbackRetrain',
		icon: { light: 'file:../../icons/feedbackRetrain.svg', dark: 'file:../../icons/feedbackRetrain.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ($parameter["model"] ? ": " + $parameter["model"] : "")}}',
		description: 'Collect feedback on intent predictions and retrain models from it, with an evaluation gate, versions and rollback',
		defaults: { name: 'Feedback & Retrain' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: feedbackRetrainProperties,
		usableAsTool: true,
	};

	methods = {
		loadOptions: {
			listModels: listTrainedModels,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		return [await operations[operation](this)];
	}
}
