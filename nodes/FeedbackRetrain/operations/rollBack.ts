import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem, modelName, storeFor, versionParameter } from '../common';

export async function rollBack(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (item, itemIndex) => {
		const name = modelName(context, itemIndex);
		const { from, to } = await storeFor(context, itemIndex).rollBack(name, versionParameter(context, itemIndex));
		return [
			{
				json: { ...item.json, model: name, previousVersion: from ?? null, promotedVersion: to, changed: from !== to },
				pairedItem: { item: itemIndex },
			},
		];
	});
}
