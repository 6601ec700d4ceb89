/**
 * Runs `action` and returns its result or its error as a value, so the caller can throw an error of
 * its own that names the cause (instead of re-throwing from a catch block).
 */
export function attempt<T>(action: () => T): { value: T } | { error: Error } {
	try {
		return { value: action() };
	} catch (error) {
		return { error: error instanceof Error ? error : new Error(String(error)) };
	}
}
