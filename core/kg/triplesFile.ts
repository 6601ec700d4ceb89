import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { decodeUtf8, parseTable, type TableFormat } from '../data/table';
import { KgInputError, settle } from './errors';
import type { Triple, TripleSet } from './types';

/** The relation that declares another name of an entity instead of a fact about it. */
export const ALIAS_RELATION = 'alias';

/**
 * Reads a triples file by its extension: `.json` (see `parseTriplesJson`), `.csv` or `.tsv` (see
 * `parseTriplesTable`).
 */
export async function readTriplesFile(filePath: string): Promise<TripleSet> {
	const extension = path.extname(filePath).toLowerCase();
	if (!['.json', '.csv', '.tsv'].includes(extension)) {
		throw new KgInputError(`Triples file "${filePath}": expected a .json, .csv or .tsv file`);
	}
	const read = await settle(readFile(filePath));
	if ('error' in read) throw new KgInputError(`Triples file "${filePath}" cannot be read: ${read.error.message}`);
	const text = decodeUtf8(read.value, filePath);
	if (extension === '.json') return parseTriplesJson(text, filePath);
	return parseTriplesTable(text, extension === '.tsv' ? 'tsv' : 'csv', filePath);
}

/**
 * Parses a JSON triples file. Accepted shapes:
 * - a list of triples, each `[subject, relation, object]` (optionally a 4th element: the object's
 *   language) or `{subject, relation, object, language?}`;
 * - `{triples: <list>, aliases?: {name: [alias…]}, defaultEntity?: name, intents?: {intent: [path…]}}`;
 * - KdConv's knowledge base: `{entity: [[head, relation, tail], …]}`.
 * A triple whose relation is `alias` names another name of its subject.
 */
export function parseTriplesJson(text: string, source: string): TripleSet {
	const parsed = parseJson(text);
	if ('error' in parsed) throw new KgInputError(`Triples file "${source}" is not valid JSON: ${parsed.error.message}`);
	const data = parsed.value;
	if (Array.isArray(data)) return buildTripleSet(data.map((row, index) => tripleFromJson(row, `${source} [${index}]`)));
	if (!isRecord(data)) throw new KgInputError(`Triples file "${source}": expected a list of triples or an object`);

	if ('triples' in data) {
		if (!Array.isArray(data.triples)) throw new KgInputError(`Triples file "${source}": "triples" must be a list`);
		const triples = data.triples.map((row, index) => tripleFromJson(row, `${source} triples[${index}]`));
		return buildTripleSet(triples, {
			aliases: stringListRecord(data.aliases, `${source} aliases`),
			intentPaths: stringListRecord(data.intents, `${source} intents`),
			defaultEntity: optionalString(data.defaultEntity, `${source} defaultEntity`),
		});
	}
	// KdConv shape: every value is a list of triples.
	const triples: Triple[] = [];
	for (const [entity, rows] of Object.entries(data)) {
		if (!Array.isArray(rows)) {
			throw new KgInputError(
				`Triples file "${source}": "${entity}" is not a list of triples (expected {triples: […]} or {entity: [[head, relation, tail], …]})`,
			);
		}
		rows.forEach((row, index) => triples.push(tripleFromJson(row, `${source} ${entity}[${index}]`)));
	}
	return buildTripleSet(triples);
}

/**
 * Parses a CSV / TSV triples table with a header row naming the columns `subject`, `relation`,
 * `object` and optionally `language` (any order, case-insensitive).
 */
export function parseTriplesTable(text: string, format: TableFormat, source: string): TripleSet {
	const table = parseTable(text, format, source);
	const header = table.header.map((name) => name.toLowerCase());
	const missing = ['subject', 'relation', 'object'].filter((name) => !header.includes(name));
	if (missing.length > 0) {
		throw new KgInputError(`Triples file "${source}": header lacks column(s) ${missing.join(', ')} (found: ${table.header.join(', ')})`);
	}
	const [subject, relation, object, language] = ['subject', 'relation', 'object', 'language'].map((name) => header.indexOf(name));
	const triples = table.rows.map((row, index) =>
		checkedTriple(row[subject], row[relation], row[object], language >= 0 ? row[language] : undefined, `${source} line ${table.lines[index]}`),
	);
	return buildTripleSet(triples);
}

/** The JSON form `parseTriplesJson` reads back: compact triples plus aliases and defaults. */
export function serializeTripleSet(set: TripleSet): string {
	const document = {
		...(set.defaultEntity !== undefined ? { defaultEntity: set.defaultEntity } : {}),
		intents: set.intentPaths,
		aliases: Object.fromEntries(set.aliases),
		triples: set.triples.map((t) =>
			t.language ? [t.subject, t.relation, t.object, t.language] : [t.subject, t.relation, t.object],
		),
	};
	return JSON.stringify(document, null, '\t') + '\n';
}

/** Union of two triple sets without duplicates; `addition`'s defaults win. */
export function mergeTripleSets(base: TripleSet, addition: TripleSet): TripleSet {
	const aliases = new Map(base.aliases);
	for (const [name, names] of addition.aliases) aliases.set(name, unique([...(aliases.get(name) ?? []), ...names]));
	return {
		triples: uniqueTriples([...base.triples, ...addition.triples]),
		aliases,
		defaultEntity: addition.defaultEntity ?? base.defaultEntity,
		intentPaths: { ...base.intentPaths, ...addition.intentPaths },
	};
}

function buildTripleSet(
	rows: Triple[],
	extra: { aliases?: Record<string, string[]>; intentPaths?: Record<string, string[]>; defaultEntity?: string } = {},
): TripleSet {
	const aliases = new Map<string, string[]>();
	const addAliases = (name: string, names: string[]) =>
		aliases.set(name, unique([...(aliases.get(name) ?? []), ...names.filter((alias) => alias !== name)]));
	for (const [name, names] of Object.entries(extra.aliases ?? {})) addAliases(name, names);
	const triples: Triple[] = [];
	for (const triple of rows) {
		if (triple.relation === ALIAS_RELATION) addAliases(triple.subject, [triple.object]);
		else triples.push(triple);
	}
	return {
		triples: uniqueTriples(triples),
		aliases,
		defaultEntity: extra.defaultEntity,
		intentPaths: extra.intentPaths ?? {},
	};
}

function tripleFromJson(row: unknown, where: string): Triple {
	if (Array.isArray(row)) {
		if (row.length !== 3 && row.length !== 4) {
			throw new KgInputError(`${where}: a triple needs [subject, relation, object] (+ language), got ${row.length} elements`);
		}
		return checkedTriple(row[0], row[1], row[2], row[3], where);
	}
	if (isRecord(row)) return checkedTriple(row.subject, row.relation, row.object, row.language, where);
	throw new KgInputError(`${where}: a triple must be [subject, relation, object] or {subject, relation, object}`);
}

function checkedTriple(subject: unknown, relation: unknown, object: unknown, language: unknown, where: string): Triple {
	const field = (value: unknown, name: string): string => {
		const text = typeof value === 'number' ? String(value) : value;
		if (typeof text !== 'string' || text.trim() === '') throw new KgInputError(`${where}: ${name} is missing or empty`);
		return text.trim();
	};
	const triple: Triple = { subject: field(subject, 'subject'), relation: field(relation, 'relation'), object: field(object, 'object') };
	if (language !== undefined && language !== null && String(language).trim() !== '') {
		triple.language = String(language).trim().toLowerCase();
	}
	return triple;
}

function uniqueTriples(triples: Triple[]): Triple[] {
	const seen = new Set<string>();
	return triples.filter((t) => {
		const key = [t.subject, t.relation, t.object, t.language ?? ''].join('\u0000');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function stringListRecord(value: unknown, where: string): Record<string, string[]> {
	if (value === undefined) return {};
	if (!isRecord(value)) throw new KgInputError(`${where} must be an object of string lists`);
	const result: Record<string, string[]> = {};
	for (const [key, list] of Object.entries(value)) {
		const items = typeof list === 'string' ? [list] : list;
		if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
			throw new KgInputError(`${where}.${key} must be a string or a list of strings`);
		}
		result[key] = items as string[];
	}
	return result;
}

function optionalString(value: unknown, where: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new KgInputError(`${where} must be a string`);
	return value;
}

function parseJson(text: string): { value: unknown } | { error: Error } {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: error as Error };
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}
