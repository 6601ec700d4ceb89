import type { GraphCatalog } from './catalog';
import type { EntityDetails, EntityProfile, LookupOptions, RelationPath, WalkResult } from './types';

export interface WalkOptions {
	/** Keep language-tagged values of this language only (untagged values always); all when absent. */
	language?: string;
	/** Most end points followed per entity and path. */
	limit: number;
}

/** The graph operations answering and lookup need; the embedded graph and Neo4j both provide them. */
export interface GraphBackend {
	readonly kind: 'embedded' | 'neo4j';
	catalog(): Promise<GraphCatalog>;
	profiles(names: string[]): Promise<Map<string, EntityProfile>>;
	walk(entities: string[], paths: RelationPath[], options: WalkOptions): Promise<WalkResult>;
	lookup(name: string, options: LookupOptions): Promise<EntityDetails | undefined>;
}

/** Whether a language-tagged value is wanted. */
export function languageMatches(valueLanguage: string | undefined, wanted: string | undefined): boolean {
	return valueLanguage === undefined || valueLanguage === '' || wanted === undefined || valueLanguage === wanted;
}

/**
 * Values grouped by relation. Collected in a Map: in a plain object, relations named like Object's own
 * members (constructor, toString, __proto__) would find those members instead of a list.
 */
export function valuesByRelation(entries: Iterable<readonly [relation: string, value: string]>): Record<string, string[]> {
	const grouped = new Map<string, string[]>();
	for (const [relation, value] of entries) {
		const values = grouped.get(relation);
		if (values) values.push(value);
		else grouped.set(relation, [value]);
	}
	return Object.fromEntries(grouped);
}
