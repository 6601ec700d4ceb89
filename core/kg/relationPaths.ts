import { KgInputError } from './errors';
import type { RelationPath } from './types';

export const MAX_HOPS = 2;
const HOP_SEPARATOR = '>';
const INVERSE_MARK = '^';

/**
 * Parses a relation path: 1–2 relation names separated by `>`, each followed subject → object, or
 * object → subject when prefixed with `^`. Examples: `门票`, `^周边景点`,
 * `payment_method > description`.
 */
export function parseRelationPath(text: string): RelationPath {
	const hops = text.split(HOP_SEPARATOR).map((part, index) => {
		const trimmed = part.trim();
		const inverse = trimmed.startsWith(INVERSE_MARK);
		const relation = (inverse ? trimmed.slice(INVERSE_MARK.length) : trimmed).trim();
		if (relation === '') {
			throw new KgInputError(`Relation path "${text}": hop ${index + 1} names no relation (write e.g. "门票" or "^周边景点 > 地址")`);
		}
		return { relation, direction: inverse ? ('in' as const) : ('out' as const) };
	});
	if (hops.length > MAX_HOPS) {
		throw new KgInputError(`Relation path "${text}" has ${hops.length} hops; at most ${MAX_HOPS} are supported`);
	}
	return { hops, text: text.trim() };
}

/** One row of the node's intent → relation path table. */
export interface IntentPathRow {
	intent: string;
	path: string;
}

export type PathSource = 'table' | 'graph' | 'relation';

/**
 * The relation paths for an intent: the rows of the table naming it; else the graph's own defaults for
 * it; else, when the intent is itself the name of a relation of the graph, that relation (one hop).
 * Intent names compare case-insensitively.
 */
export function pathsForIntent(
	intent: string,
	table: IntentPathRow[],
	graphDefaults: Record<string, string[]>,
	relationNames: ReadonlySet<string>,
): { paths: RelationPath[]; source?: PathSource } {
	const key = intent.trim().toLowerCase();
	if (key === '') return { paths: [] };
	const rows = table.filter((row) => row.intent.trim().toLowerCase() === key);
	if (rows.length > 0) return { paths: rows.map((row) => parseRelationPath(row.path)), source: 'table' };
	const graphEntry = Object.entries(graphDefaults).find(([name]) => name.toLowerCase() === key);
	if (graphEntry) return { paths: graphEntry[1].map(parseRelationPath), source: 'graph' };
	const relation = [...relationNames].find((name) => name.toLowerCase() === key);
	if (relation !== undefined) {
		return { paths: [{ hops: [{ relation, direction: 'out' }], text: relation }], source: 'relation' };
	}
	return { paths: [] };
}
