/**
 * Probes every half second until it finds something (a server comes up, mail is delivered, a workflow
 * is published); gives up after `timeoutMs`. A probe throws to stop waiting for good.
 */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
		await new Promise((resolveDelay) => setTimeout(resolveDelay, 500));
	}
}
