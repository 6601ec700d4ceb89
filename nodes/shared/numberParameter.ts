import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What a number parameter accepts: the editor's bounds, which an expression bypasses. */
export interface NumberRule {
	/** The name the editor shows, for the error. */
	displayName: string;
	min?: number;
	max?: number;
	integer?: boolean;
}

/** Node's timers wait at most 2^31 − 1 ms and fire at once beyond it; AbortSignal.timeout refuses more. */
export const LONGEST_TIMEOUT_SECONDS = 2_147_483;

// Plain decimal text only: Number() would also read "0x10", "1e999" → Infinity, " " → 0.
const DECIMAL = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?\s*$/i;

function expected({ min, max, integer }: NumberRule): string {
	const kind = integer ? 'a whole number' : 'a number';
	if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
	if (min !== undefined) return `${kind} of at least ${min}`;
	if (max !== undefined) return `${kind} of at most ${max}`;
	return kind;
}

function shown(value: unknown): string {
	const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * A number parameter's value checked against its rule: a number or numeric text (an expression over a
 * webhook's JSON often gives "5") within the bounds, else an error saying what is expected and what
 * came. Unset (undefined, null, blank text) gives undefined: the caller's default, as for an option
 * the user did not add.
 */
export function checkNumber(value: unknown, rule: NumberRule): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const number = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : Number.NaN;
	const fits =
		Number.isFinite(number) &&
		(!rule.integer || Number.isSafeInteger(number)) &&
		number >= (rule.min ?? -Infinity) &&
		number <= (rule.max ?? Infinity);
	if (!fits) throw new RangeError(`${rule.displayName} must be ${expected(rule)}, got ${shown(value)}`);
	return number;
}

function nodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	return error instanceof RangeError ? new NodeOperationError(context.getNode(), error.message, { itemIndex }) : error;
}

/** A top-level number parameter of the item, checked (see checkNumber); unset gives `fallback`. */
export function numberParameter(context: IExecuteFunctions, name: string, itemIndex: number, rule: NumberRule, fallback: number): number {
	try {
		return checkNumber(context.getNodeParameter(name, itemIndex, fallback), rule) ?? fallback;
	} catch (error) {
		throw nodeError(context, error, itemIndex);
	}
}

/**
 * The number options of an Options collection, checked (see checkNumber): the options as given, with
 * each number the rules name read as a number, or left out when unset so the caller's default applies.
 */
export function numberOptions<Options extends object>(
	context: IExecuteFunctions,
	options: Options,
	rules: Partial<Record<keyof Options, NumberRule>>,
	itemIndex: number,
): Options {
	const checked: IDataObject = { ...(options as IDataObject) };
	for (const [name, rule] of Object.entries(rules) as Array<[string, NumberRule]>) {
		try {
			const number = checkNumber(checked[name], rule);
			if (number === undefined) delete checked[name];
			else checked[name] = number;
		} catch (error) {
			throw nodeError(context, error, itemIndex);
		}
	}
	return checked as Options;
}
