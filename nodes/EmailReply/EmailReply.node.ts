import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { emailReplyProperties } from './description';
import { splitReplies } from './execute';

export class EmailReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Email Reply',
		name: 'emailReply',
		icon: { light: 'file:../../icons/emailReply.svg', dark: 'file:../../icons/emailReply.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "new text into " + ($parameter["options"]["fieldName"] || "reply") }}',
		description: 'What the sender of a mail newly wrote, without the quoted history, signature and "Sent from my iPhone" (Chinese and English mail clients)',
		defaults: { name: 'Email Reply' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: emailReplyProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return splitReplies.call(this);
	}
}
