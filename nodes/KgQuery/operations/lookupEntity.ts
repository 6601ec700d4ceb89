import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lookupEntity } from '../../../core/kg/lookup';
import { numberOptions } from '../../shared/numberParameter';
import { withFields } from '../../shared/outputItem';
import { fieldNameOption } from '../../shared/textParameter';
import type { ResolvedGraph } from '../graphSource';

export async function executeLookupEntity(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	graph: ResolvedGraph,
): Promise<INodeExecutionData[]> {
	const name = context.getNodeParameter('entityName', itemIndex, '') as unknown;
	if (typeof name !== 'string' || name.trim() === '') {
		throw new NodeOperationError(context.getNode(), 'Entity is empty: give a name or alias to look up', { itemIndex });
	}
	const options = numberOptions(
		context,
		context.getNodeParameter('lookupOptions', itemIndex, {}) as { relations?: string; limit?: number; language?: string; outputField?: string },
		{ limit: { displayName: 'Limit', min: 1, integer: true } },
		itemIndex,
	);
	const relations = (options.relations ?? '')
		.split(/[,，]/)
		.map((relation) => relation.trim())
		.filter((relation) => relation !== '');
	const result = await lookupEntity(await graph.backend(), name.trim(), {
		relations,
		limit: options.limit ?? 50,
		language: options.language && options.language !== 'all' ? options.language : undefined,
	});
	return [withFields(item, itemIndex, { [fieldNameOption(context, options.outputField, 'kg', itemIndex)]: result as unknown as IDataObject })];
}
