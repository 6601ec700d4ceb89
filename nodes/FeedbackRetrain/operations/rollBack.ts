import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem, modelName, storeFor } from '../common';

export async function rollBack(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (item, itemIndex) => {
		const name = modelName(context, itemIndex);
		const version = context.getNodeParameter('version', itemIndex, 0) as number;
		const { from, to } = await storeFor(context, itemIndex).rollBack(name, version > 0 ? version : undefined);
		return [
			{
				json: { ...item.json, model: name, previousVersion: from ?? null, promotedVersion: to, changed: from !== to },
				pairedItem: { item: itemIndex },
			},
		];
	});
}
