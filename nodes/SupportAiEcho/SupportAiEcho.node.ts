import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/** Smoke node for the test harnesses: copies each item and stamps it. Removed once real nodes land. */
export class SupportAiEcho implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support AI Echo',
		name: 'supportAiEcho',
		icon: { light: 'file:../../icons/supportAi.svg', dark: 'file:../../icons/supportAi.dark.svg' },
		subtitle: '={{$parameter["stamp"]}}',
		group: ['transform'],
		version: 1,
		description: 'Echoes each input item with a stamp (package smoke test)',
		defaults: { name: 'Support AI Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [
			{
				displayName: 'Stamp',
				name: 'stamp',
				type: 'string',
				default: 'echoed',
				description: 'Value written to the "echo" field of each item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const stamp = this.getNodeParameter('stamp', itemIndex) as string;
			if (stamp === '') {
				const error = new NodeOperationError(this.getNode(), 'Stamp must not be empty', { itemIndex });
				if (!this.continueOnFail()) throw error;
				returnData.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			returnData.push({
				json: { ...items[itemIndex].json, echo: stamp },
				pairedItem: { item: itemIndex },
			});
		}
		return [returnData];
	}
}
