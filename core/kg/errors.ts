/** Bad input to the graph engine (a file, a path, a parameter): the message names the cause. */
export class KgInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'KgInputError';
	}
}

/** The outcome of a promise as a value, so the caller can throw an error of its own naming the cause. */
export async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: Error }> {
	try {
		return { value: await promise };
	} catch (error) {
		// Errors from Node's own modules may come from another realm (jest), so no `instanceof Error`.
		const message = typeof error?.message === 'string' ? (error.message as string) : String(error);
		return { error: error instanceof Error ? error : Object.assign(new Error(message), { code: error?.code }) };
	}
}
