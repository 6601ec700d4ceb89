import type { INodeProperties } from 'n8n-workflow';

export const emailReplyProperties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '={{ $json.text }}',
		required: true,
		typeOptions: { rows: 2 },
		description:
			'The plain-text body of the mail: {{ $JSON.text }} from the Email Trigger (IMAP) or from Gmail with Simplify off. HTML is not read.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Field Name',
				name: 'fieldName',
				type: 'string',
				default: 'reply',
				description: 'Field that receives the result: text (what the sender newly wrote), quoted and signature',
			},
		],
	},
];
