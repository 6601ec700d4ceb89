/** Timing and memory helpers shared by the benchmark tasks. */
import { readFileSync } from 'node:fs';

export function elapsedMs(start: number): number {
	return performance.now() - start;
}

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time of this process (all its threads) plus that of the child processes it has waited for (the
 * fastText CLI), in ms. On a shared machine wall time stretches with the load; CPU time much less.
 */
export function cpuMs(): number {
	const { user, system } = process.cpuUsage();
	let children = 0;
	try {
		// Fields 16 and 17 of /proc/self/stat (cutime, cstime), counted after the command name's ')'.
		const fields = readFileSync('/proc/self/stat', 'utf8').split(')').pop()!.trim().split(' ');
		children = ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		// no /proc (not Linux): children's CPU time is not counted
	}
	return (user + system) / 1000 + children;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
	const start = performance.now();
	const startCpu = cpuMs();
	const value = await work();
	return { ms: elapsedMs(start), cpuMs: cpuMs() - startCpu, value };
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
