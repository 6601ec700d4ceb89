import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** How a value of the wrong type is named in errors: "an array", "null", "an object", "a number". */
export const kindOf = (value: unknown): string =>
	Array.isArray(value) ? 'an array' : value === null ? 'null' : `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;

/**
 * A message parameter's value: a string as it is, a number or boolean as text, and undefined for none
 * (missing, null or blank). Anything else — an object, an array — is refused, naming the item.
 *
 * @param subject how the error names the parameter, e.g. "Text to classify"
 * @param hint the error's description: where the parameter should point
 */
export function messageText(context: IExecuteFunctions, itemIndex: number, value: unknown, subject: string, hint: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string') {
		throw new NodeOperationError(context.getNode(), `${subject} must be a string, got ${kindOf(value)}`, { itemIndex, description: hint });
	}
	return value.trim() === '' ? undefined : value;
}

/** A message parameter of an item read as {@link messageText} reads its value; '' for none. */
export function messageParameter(context: IExecuteFunctions, name: string, itemIndex: number, subject: string, hint: string): string {
	return messageText(context, itemIndex, context.getNodeParameter(name, itemIndex, '') as unknown, subject, hint) ?? '';
}

/**
 * The name of the field that receives a node's result: `fallback` when not set; anything but text (an
 * expression that gave an object would write a field named "[object Object]") is refused.
 */
export function fieldNameOption(context: IExecuteFunctions, value: unknown, fallback: string, itemIndex?: number): string {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value !== 'string') {
		throw new NodeOperationError(context.getNode(), `Field Name must be text, got ${kindOf(value)}`, {
			...(itemIndex === undefined ? {} : { itemIndex }),
			description: `The name of the field that receives the result, e.g. ${fallback}`,
		});
	}
	return value;
}
