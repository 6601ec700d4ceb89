import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { splitEmailReply } from '../../core/text/emailReply';
import { itemParameter } from '../shared/itemParameter';
import { asNodeOperationError } from '../shared/nodeError';
import { withFields } from '../shared/outputItem';
import { fieldNameOption, messageText } from '../shared/textParameter';

/** Each item with what its mail's sender newly wrote, apart from the quoted history and the signature. */
export function splitReplies(this: IExecuteFunctions): INodeExecutionData[][] {
	const items = this.getInputData();
	const textOf = itemParameter(this, 'text', '');
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fieldName = fieldNameOption(this, this.getNodeParameter('options.fieldName', itemIndex, 'reply'), 'reply', itemIndex);
			const text = messageText(this, itemIndex, textOf(itemIndex), 'Text', 'Point "Text" at the plain-text body of the mail, e.g. {{ $json.text }}');
			const { reply, quoted, signature } = splitEmailReply(text ?? '');
			output.push(withFields(items[itemIndex], itemIndex, { [fieldName]: { text: reply, quoted, signature } }));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeOperationError(this, error);
			output.push(withFields(items[itemIndex], itemIndex, { error: (error as Error).message }));
		}
	}
	return [output];
}
