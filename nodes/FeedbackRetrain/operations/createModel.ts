import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { retrainModel } from '../../../core/store';
import { numberParameter } from '../../shared/numberParameter';
import { forEachItem, labelledFile, modelName, storeFor } from '../common';
import { retrainOutput } from '../report';

/** Creates the model from the file, then trains and promotes its first version. */
export async function createModel(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (_item, itemIndex) => {
		const store = storeFor(context, itemIndex);
		const name = modelName(context, itemIndex, 'newModelName');
		const heldOutFraction = numberParameter(context, 'heldOutFraction', itemIndex, { displayName: 'Held-Out Share', min: 0, max: 0.5 }, 0.1);
		const { examples, skippedRows, fileName } = await labelledFile(context, itemIndex);
		const oosLabel = (context.getNodeParameter('oosLabel', itemIndex, '') as string).trim();
		const info = await store.createModel(name, examples, {
			source: fileName,
			heldOutFraction,
			...(oosLabel === '' ? {} : { oosLabel }),
		});
		const result = await retrainModel(store, name, {
			signal: context.getExecutionCancelSignal(),
			onProgress: (line) => context.logger.info(`Feedback & Retrain: ${line}`),
		});
		const output = await retrainOutput(context, itemIndex, result);
		return [{ json: { ...output.json, source: info.source, skippedRows }, binary: output.binary, pairedItem: { item: itemIndex } }];
	});
}
