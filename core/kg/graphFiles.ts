import { rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';

import { EmbeddedGraph } from './embeddedGraph';
import { KgInputError, settle } from './errors';
import { mergeTripleSets, readTriplesFile, serializeTripleSet } from './triplesFile';
import type { TripleSet } from './types';

/** The demo graphs shipped in the package's `kg/` folder (copied to `dist/kg/` by the build). */
export const DEMO_GRAPHS = {
	ecommerce: 'ecommerce-support/graph.json',
	kdconvTravel: 'kdconv-travel/kb_travel.json',
} as const;
export type DemoGraph = keyof typeof DEMO_GRAPHS;

// core/kg → the package root, both from the sources and from dist/.
const KG_FOLDER = path.resolve(__dirname, '..', '..', 'kg');

export function demoGraphPath(name: DemoGraph): string {
	return path.join(KG_FOLDER, DEMO_GRAPHS[name]);
}

const MAX_CACHED_GRAPHS = 8;
const cache = new Map<string, { version: string; graph: Promise<EmbeddedGraph> }>();

/**
 * The embedded graph of a triples file, built once per process and rebuilt when the file changes
 * (size or modification time). The few most recently used graphs stay cached.
 */
export async function loadGraphFile(filePath: string): Promise<EmbeddedGraph> {
	const absolute = path.resolve(filePath);
	const info = await settle(stat(absolute));
	if ('error' in info) throw new KgInputError(`Graph file "${absolute}" cannot be read: ${info.error.message}`);
	if (!info.value.isFile()) throw new KgInputError(`Graph file "${absolute}" is not a file`);
	const version = `${info.value.size}:${info.value.mtimeMs}`;
	const cached = cache.get(absolute);
	if (cached?.version === version) {
		cache.delete(absolute);
		cache.set(absolute, cached);
		return await cached.graph;
	}
	const graph = readTriplesFile(absolute).then((set) => EmbeddedGraph.fromTriples(set));
	cache.set(absolute, { version, graph });
	graph.catch(() => cache.delete(absolute));
	while (cache.size > MAX_CACHED_GRAPHS) cache.delete(cache.keys().next().value as string);
	return await graph;
}

/** Drops a file's cached graph (after writing to it). */
export function forgetGraphFile(filePath: string): void {
	cache.delete(path.resolve(filePath));
}

export interface FileImportSummary {
	triples: number;
	added: number;
	total: number;
}

const importsInProgress = new Map<string, Promise<unknown>>();

/**
 * Merges a triple set into a JSON graph file (created when missing), written atomically (temporary
 * file, then rename) so a reader never sees half a file. Running it twice adds nothing. Imports into
 * one file run one after another in this process, each merging into what the one before wrote.
 */
export async function importIntoGraphFile(target: string, set: TripleSet): Promise<FileImportSummary> {
	const absolute = path.resolve(target);
	if (path.extname(absolute).toLowerCase() !== '.json') {
		throw new KgInputError(`Import writes JSON graph files: "${absolute}" must end in .json`);
	}
	const previous = importsInProgress.get(absolute) ?? Promise.resolve();
	const summary = previous.then(async () => await mergeIntoFile(absolute, set));
	const settled = summary.catch(() => undefined);
	importsInProgress.set(absolute, settled);
	void settled.then(() => {
		if (importsInProgress.get(absolute) === settled) importsInProgress.delete(absolute);
	});
	return await summary;
}

async function mergeIntoFile(absolute: string, set: TripleSet): Promise<FileImportSummary> {
	const exists = await settle(stat(absolute));
	const base: TripleSet = 'value' in exists ? await readTriplesFile(absolute) : { triples: [], aliases: new Map(), intentPaths: {} };
	const merged = mergeTripleSets(base, set);
	const temporary = `${absolute}.${process.pid}.${Date.now()}.tmp`;
	const written = await settle(writeFile(temporary, serializeTripleSet(merged), 'utf8').then(async () => await rename(temporary, absolute)));
	if ('error' in written) throw new KgInputError(`Graph file "${absolute}" cannot be written: ${written.error.message}`);
	forgetGraphFile(absolute);
	return { triples: set.triples.length, added: merged.triples.length - base.triples.length, total: merged.triples.length };
}
