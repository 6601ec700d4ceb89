import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isExpression } from 'n8n-workflow';

/** `={{ $json.field }}` or a dotted path (`$json.body.text`): what almost every text parameter holds. */
const ITEM_FIELD_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

/**
 * A parameter read item by item. An expression is evaluated for each item, as n8n defines it (and
 * that evaluation is most of a large run's time); a fixed value is the same for every item, so it is
 * read once. An expression that only names a field of the item reads a string there directly, which is
 * what n8n's evaluation gives; anything else (a missing field, a number, an object) goes through n8n, so
 * its conversions and errors stay n8n's own.
 */
export function itemParameter(context: IExecuteFunctions, name: string, fallback: unknown): (itemIndex: number) => unknown {
	const raw = context.getNodeParameter(name, 0, fallback, { rawExpressions: true });
	if (isExpression(raw)) {
		const evaluate = (itemIndex: number) => context.getNodeParameter(name, itemIndex, fallback);
		const field = typeof raw === 'string' ? ITEM_FIELD_EXPRESSION.exec(raw) : null;
		if (field === null) return evaluate;
		const path = field[1].slice(1).split('.');
		const items = context.getInputData();
		return (itemIndex) => {
			let value: unknown = items[itemIndex]?.json;
			for (const key of path) value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
			return typeof value === 'string' ? value : evaluate(itemIndex);
		};
	}
	const value = context.getNodeParameter(name, 0, fallback);
	return () => value;
}
