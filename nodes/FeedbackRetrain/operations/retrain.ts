import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { retrainModel, type GateMetric } from '../../../core/store';
import { ensureModel, forEachItem, modelName, storeFor } from '../common';
import { retrainOutput } from '../report';

export async function retrain(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (_item, itemIndex) => {
		const options = context.getNodeParameter('options', itemIndex, {}) as { feedbackWeight?: number; skipWithoutNewFeedback?: boolean };
		const ifTrainingInProgress = context.getNodeParameter('ifTrainingInProgress', itemIndex, 'fail') as 'fail' | 'wait';
		const store = storeFor(context, itemIndex);
		const name = modelName(context, itemIndex);
		await ensureModel(context, store, name, itemIndex);
		if (options.skipWithoutNewFeedback === true) {
			const { lastVersion, records } = await store.feedbackSinceLastVersion(name);
			if (lastVersion !== undefined && records === 0) {
				const { promotedVersion } = await store.describeModel(name);
				const reason = `no feedback recorded since version ${lastVersion} was trained`;
				return [{ json: { model: name, skipped: true, reason, promotedVersion: promotedVersion ?? null }, pairedItem: { item: itemIndex } }];
			}
		}
		const result = await retrainModel(store, name, {
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
