import type { GraphBackend } from './backend';
import type { EntityDetails, LookupOptions } from './types';

export type LookupResult =
	| ({ found: true; backend: GraphBackend['kind']; otherMatches: string[] } & EntityDetails)
	| { found: false; backend: GraphBackend['kind']; reason: string };

/**
 * An entity by name or alias (normalized: width, case, traditional/simplified); failing an exact
 * match, the longest entity name inside the text ("故宫的门票" → 故宫).
 */
export async function lookupEntity(backend: GraphBackend, nameOrAlias: string, options: LookupOptions): Promise<LookupResult> {
	const catalog = await backend.catalog();
	const matches = catalog.resolve(nameOrAlias);
	const candidates = matches.length > 0 ? matches : catalog.linker.link(nameOrAlias).flatMap((mention) => mention.entities);
	if (candidates.length === 0) {
		return { found: false, backend: backend.kind, reason: `No entity named "${nameOrAlias}" (name or alias) in the graph` };
	}
	const [name, ...otherMatches] = [...new Set(candidates)];
	const details = await backend.lookup(name, options);
	if (!details) return { found: false, backend: backend.kind, reason: `Entity "${name}" is no longer in the graph` };
	return { found: true, backend: backend.kind, otherMatches, ...details };
}
