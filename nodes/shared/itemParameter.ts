import type { IExecuteFunctions } from 'n8n-workflow';
import { isExpression } from 'n8n-workflow';

/**
 * A parameter read item by item. An expression is evaluated for each item, as n8n defines it (and
 * that evaluation is most of a large run's time); a fixed value is the same for every item, so it is
 * read once.
 */
export function itemParameter(context: IExecuteFunctions, name: string, fallback: unknown): (itemIndex: number) => unknown {
	if (isExpression(context.getNodeParameter(name, 0, fallback, { rawExpressions: true }))) {
		return (itemIndex) => context.getNodeParameter(name, itemIndex, fallback);
	}
	const value = context.getNodeParameter(name, 0, fallback);
	return () => value;
}
