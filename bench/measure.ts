/** Timing and memory helpers shared by the benchmark tasks. */
export function elapsedMs(start: number): number {
	return performance.now() - start;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await work();
	return { ms: elapsedMs(start), value };
}

export function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export function median(values: readonly number[]): number {
	return percentile(values, 0.5);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
	return process.resourceUsage().maxRSS / 1024;
}

export function rssMb(): number {
	return process.memoryUsage().rss / 1024 / 1024;
}
