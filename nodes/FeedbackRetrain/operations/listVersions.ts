import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem, modelName, storeFor } from '../common';

/** One output item per version, oldest first. */
export async function listVersions(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (_item, itemIndex) => {
		const name = modelName(context, itemIndex);
		const versions = await storeFor(context, itemIndex).listVersions(name);
		return versions.map((version) => ({ json: { model: name, ...version } as unknown as IDataObject, pairedItem: { item: itemIndex } }));
	});
}
