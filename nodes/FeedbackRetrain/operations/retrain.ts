import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { retrainModel, type GateMetric } from '../../../core/store';
import { forEachItem, modelName, storeFor } from '../common';
import { retrainOutput } from '../report';

export async function retrain(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (_item, itemIndex) => {
		const options = context.getNodeParameter('options', itemIndex, {}) as { feedbackWeight?: number };
		const ifTrainingInProgress = context.getNodeParameter('ifTrainingInProgress', itemIndex, 'fail') as 'fail' | 'wait';
		const result = await retrainModel(storeFor(context, itemIndex), modelName(context, itemIndex), {
			tolerance: context.getNodeParameter('tolerance', itemIndex, 0.01) as number,
			metric: context.getNodeParameter('gateMetric', itemIndex, 'accuracy') as GateMetric,
			ifTrainingInProgress,
			waitTimeoutMs:
				ifTrainingInProgress === 'wait' ? (context.getNodeParameter('waitTimeout', itemIndex, 600) as number) * 1000 : undefined,
			feedbackWeight: options.feedbackWeight,
			signal: context.getExecutionCancelSignal(),
			onProgress: (line) => context.logger.info(`Feedback & Retrain: ${line}`),
		});
		return [{ ...(await retrainOutput(context, itemIndex, result)), pairedItem: { item: itemIndex } }];
	});
}
