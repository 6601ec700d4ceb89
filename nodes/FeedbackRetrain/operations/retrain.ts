import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { retrainModel, type GateMetric } from '../../../core/store';
import { numberOptions, numberParameter } from '../../shared/numberParameter';
import { ensureModel, forEachItem, modelName, storeFor } from '../common';
import { retrainOutput } from '../report';

export async function retrain(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (_item, itemIndex) => {
		const options = numberOptions(
			context,
			context.getNodeParameter('options', itemIndex, {}) as { feedbackWeight?: number; skipWithoutNewFeedback?: boolean },
			{ feedbackWeight: { displayName: 'Feedback Weight', min: 1, max: 20, integer: true } },
			itemIndex,
		);
		const tolerance = numberParameter(context, 'tolerance', itemIndex, { displayName: 'Tolerance', min: 0, max: 1 }, 0.01);
		const ifTrainingInProgress = context.getNodeParameter('ifTrainingInProgress', itemIndex, 'fail') as 'fail' | 'wait';
		const waitTimeoutMs =
			ifTrainingInProgress === 'wait'
				? numberParameter(context, 'waitTimeout', itemIndex, { displayName: 'Wait Timeout (Seconds)', min: 1 }, 600) * 1000
				: undefined;
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
			tolerance,
			metric: context.getNodeParameter('gateMetric', itemIndex, 'accuracy') as GateMetric,
			ifTrainingInProgress,
			waitTimeoutMs,
			feedbackWeight: options.feedbackWeight,
			signal: context.getExecutionCancelSignal(),
			onProgress: (line) => context.logger.info(`Feedback & Retrain: ${line}`),
		});
		return [{ ...(await retrainOutput(context, itemIndex, result)), pairedItem: { item: itemIndex } }];
	});
}
