import type { Fact, ReplyLanguage } from './types';

/** Where a relation path ended: `holder —relation→ value` (the holder is the entity or a node on the way). */
export interface FactValue {
	relation: string;
	holder: string;
	value: string;
	/** The facts walked to it (both hops of a 2-hop path). */
	facts: Fact[];
}

/** The answer about one entity: the values its relation paths end at. */
export interface FactGroup {
	entity: string;
	/** In the order walked, without repeats. */
	values: FactValue[];
}

const factKey = (subject: string, relation: string, object: string) => `${subject}\u0000${relation}\u0000${object}`;

/**
 * Groups facts by the entity they answer about. With KG Query's walked paths (`[entity, relation,
 * node, relation, value]`) the first node is the entity and the last one the value; without paths, every
 * fact ends a path, and one whose subject another fact reaches is the second hop of a path from there.
 * Language-tagged values in the reply's language win over those in another language.
 */
export function groupFacts(facts: readonly Fact[], paths: readonly string[][], language: ReplyLanguage): FactGroup[] {
	const usable = preferLanguage(facts, language);
	const fromPaths = paths.length > 0 ? groupsFromPaths(usable, paths) : [];
	return fromPaths.length > 0 ? fromPaths : groupsFromFacts(usable);
}

/** Language-tagged facts in the reply's language win over those in another language. */
export function preferLanguage(facts: readonly Fact[], language: ReplyLanguage): Fact[] {
	if (!facts.some((fact) => fact.language === language)) return [...facts];
	return facts.filter((fact) => fact.language === undefined || fact.language === language);
}

function groupsFromPaths(facts: Fact[], paths: readonly string[][]): FactGroup[] {
	const byKey = new Map<string, Fact>();
	for (const fact of facts) byKey.set(factKey(fact.subject, fact.relation, fact.object), fact);
	const groups = new GroupCollector();
	for (const path of paths) {
		if (path.length < 3 || path.length % 2 === 0) continue;
		const walked: Fact[] = [];
		for (let i = 0; i + 2 < path.length; i += 2) {
			const [from, relation, to] = [path[i], path[i + 1], path[i + 2]];
			// An inverse hop (`^relation`) walked from the object to the subject.
			const fact = byKey.get(factKey(from, relation, to)) ?? byKey.get(factKey(to, relation, from));
			if (fact) walked.push(fact);
		}
		// A hop whose fact is missing was filtered out (another language): the path does not answer.
		if (walked.length !== (path.length - 1) / 2) continue;
		const end = path.length - 1;
		groups.add(path[0], { relation: path[end - 1], holder: path[end - 2], value: path[end], facts: walked });
	}
	return groups.list();
}

function groupsFromFacts(facts: Fact[]): FactGroup[] {
	const groups = new GroupCollector();
	for (const fact of facts) {
		const firstHop = facts.find(
			(other) => other.object === fact.subject && other.subject !== fact.subject && other.subject !== fact.object,
		);
		const value = { relation: fact.relation, holder: fact.subject, value: fact.object, facts: firstHop ? [firstHop, fact] : [fact] };
		groups.add(firstHop?.subject ?? fact.subject, value);
	}
	return groups.list();
}

class GroupCollector {
	private readonly groups = new Map<string, FactGroup>();

	add(entity: string, value: FactValue): void {
		let group = this.groups.get(entity);
		if (!group) this.groups.set(entity, (group = { entity, values: [] }));
		const known = group.values.some(
			(other) => other.relation === value.relation && other.holder === value.holder && other.value === value.value,
		);
		if (!known) group.values.push(value);
	}

	list(): FactGroup[] {
		return [...this.groups.values()];
	}
}
