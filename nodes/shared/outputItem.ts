import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The input item with fields added to its JSON, paired with it. Its binary data (an e-mail's
 * attachments) travels on, as n8n's own nodes pass it: routing or enriching a message must not drop it.
 */
export function withFields(item: INodeExecutionData, itemIndex: number, fields: IDataObject): INodeExecutionData {
	return { json: { ...item.json, ...fields }, ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: itemIndex } };
}
