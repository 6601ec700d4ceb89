import Graph from 'graphology';

import { languageMatches, valuesByRelation, type GraphBackend, type WalkOptions } from './backend';
import { GraphCatalog } from './catalog';
import { normalizeForMatching } from './text';
import type {
	EntityDetails,
	EntityProfile,
	Fact,
	LookupOptions,
	Neighbour,
	RelationPath,
	TripleSet,
	WalkedPath,
	WalkResult,
} from './types';

interface Literal {
	relation: string;
	value: string;
	language?: string;
}

interface EntityAttributes {
	aliases: string[];
	literals: Literal[];
}

interface EdgeAttributes {
	relation: string;
}

type KgGraph = Graph<EntityAttributes, EdgeAttributes>;

/** A step of a walk: where it stands and how it got there. */
interface Trail {
	node: string;
	path: WalkedPath;
	facts: Fact[];
}

/**
 * The graph held in memory (graphology): entities are nodes, relations between entities are directed
 * edges, literal values (addresses, prices, descriptions) are attributes of their entity.
 */
export class EmbeddedGraph implements GraphBackend {
	readonly kind = 'embedded';
	private catalogCache?: GraphCatalog;
	private readonly literalTextCache = new Map<string, string>();

	private constructor(
		private readonly graph: KgGraph,
		private readonly set: Pick<TripleSet, 'defaultEntity' | 'intentPaths'>,
	) {}

	/**
	 * Builds the graph. An object becomes an entity node when its relation mostly points at entities
	 * (objects that are subjects elsewhere or have aliases), e.g. 周边景点; otherwise it is a literal.
	 */
	static fromTriples(set: TripleSet): EmbeddedGraph {
		const graph: KgGraph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
		const entityRelations = relationsBetweenEntities(set);
		const ensure = (name: string) => {
			if (!graph.hasNode(name)) graph.addNode(name, { aliases: set.aliases.get(name) ?? [], literals: [] });
		};
		for (const name of set.aliases.keys()) ensure(name);
		if (set.defaultEntity !== undefined) ensure(set.defaultEntity);
		for (const { subject, relation, object, language } of set.triples) {
			ensure(subject);
			if (language === undefined && entityRelations.has(relation)) {
				ensure(object);
				graph.addDirectedEdge(subject, object, { relation });
			} else {
				graph.getNodeAttribute(subject, 'literals').push({ relation, value: object, language });
			}
		}
		return new EmbeddedGraph(graph, set);
	}

	get order(): number {
		return this.graph.order;
	}

	entityNames(): string[] {
		return this.graph.nodes();
	}

	get size(): number {
		return this.graph.size;
	}

	async catalog(): Promise<GraphCatalog> {
		if (!this.catalogCache) {
			const relations = new Set<string>();
			this.graph.forEachEdge((_edge, attributes) => relations.add(attributes.relation));
			this.graph.forEachNode((_node, attributes) => attributes.literals.forEach((l) => relations.add(l.relation)));
			this.catalogCache = new GraphCatalog(
				this.graph.mapNodes((name, attributes) => ({ name, aliases: attributes.aliases })),
				relations,
				this.set.defaultEntity,
				this.set.intentPaths,
			);
		}
		return this.catalogCache;
	}

	async profiles(names: string[]): Promise<Map<string, EntityProfile>> {
		const profiles = new Map<string, EntityProfile>();
		for (const name of names) {
			if (!this.graph.hasNode(name)) continue;
			const literals = this.graph.getNodeAttribute(name, 'literals');
			const outRelations = new Set(literals.map((l) => l.relation));
			this.graph.forEachOutEdge(name, (_edge, attributes) => outRelations.add(attributes.relation));
			const inRelations = new Set<string>();
			this.graph.forEachInEdge(name, (_edge, attributes) => inRelations.add(attributes.relation));
			profiles.set(name, { name, outRelations, inRelations, literalText: this.literalText(name, literals) });
		}
		return profiles;
	}

	async walk(entities: string[], paths: RelationPath[], options: WalkOptions): Promise<WalkResult> {
		const facts: Fact[] = [];
		const walked: WalkedPath[] = [];
		const described: string[] = [];
		for (const entity of entities) {
			if (!this.graph.hasNode(entity)) continue;
			for (const relationPath of paths) {
				described.push(`${entity} ${relationPath.hops.map(describeHop).join(' ')} ?`);
				for (const trail of this.follow(entity, relationPath, options)) {
					walked.push(trail.path);
					facts.push(...trail.facts);
				}
			}
		}
		return { facts: uniqueFacts(facts), paths: walked, query: described.join('\n') };
	}

	async lookup(name: string, options: LookupOptions): Promise<EntityDetails | undefined> {
		if (!this.graph.hasNode(name)) return undefined;
		const wanted = (relation: string) => !options.relations?.length || options.relations.includes(relation);
		const { aliases, literals } = this.graph.getNodeAttributes(name);
		const properties = valuesByRelation(
			literals
				.filter((literal) => wanted(literal.relation) && languageMatches(literal.language, options.language))
				.map((literal) => [literal.relation, literal.value] as const),
		);
		const neighbours: Neighbour[] = [];
		this.graph.forEachEdge(name, (_edge, attributes, source, target) => {
			if (!wanted(attributes.relation) || neighbours.length >= options.limit) return;
			const direction = source === name ? 'out' : 'in';
			neighbours.push({ relation: attributes.relation, direction, entity: direction === 'out' ? target : source });
		});
		return { name, aliases, properties, neighbours };
	}

	private follow(entity: string, relationPath: RelationPath, options: WalkOptions): Trail[] {
		let trails: Trail[] = [{ node: entity, path: [entity], facts: [] }];
		relationPath.hops.forEach((hop, index) => {
			const last = index === relationPath.hops.length - 1;
			const next: Trail[] = [];
			for (const trail of trails) {
				const step = (fact: Fact, node: string) =>
					next.push({ node, path: [...trail.path, hop.relation, node], facts: [...trail.facts, fact] });
				if (hop.direction === 'out') {
					this.graph.forEachOutEdge(trail.node, (_edge, attributes, _source, target) => {
						if (attributes.relation === hop.relation) step({ subject: trail.node, relation: hop.relation, object: target }, target);
					});
					// Literals end a path: only the last hop can reach them.
					if (last) {
						for (const literal of this.graph.getNodeAttribute(trail.node, 'literals')) {
							if (literal.relation !== hop.relation || !languageMatches(literal.language, options.language)) continue;
							const fact: Fact = { subject: trail.node, relation: hop.relation, object: literal.value };
							if (literal.language !== undefined) fact.language = literal.language;
							step(fact, literal.value);
						}
					}
				} else {
					this.graph.forEachInEdge(trail.node, (_edge, attributes, source) => {
						if (attributes.relation === hop.relation) step({ subject: source, relation: hop.relation, object: trail.node }, source);
					});
				}
			}
			trails = next;
		});
		return trails.slice(0, options.limit);
	}

	private literalText(name: string, literals: Literal[]): string {
		let text = this.literalTextCache.get(name);
		if (text === undefined) {
			text = literals.map((l) => normalizeForMatching(l.value)).join('\n');
			this.literalTextCache.set(name, text);
		}
		return text;
	}
}

function describeHop(hop: { relation: string; direction: string }): string {
	return hop.direction === 'out' ? `-[${hop.relation}]->` : `<-[${hop.relation}]-`;
}

/** Relations whose (untagged) objects are mostly entities: subjects of other triples or aliased names. */
export function relationsBetweenEntities(set: Pick<TripleSet, 'triples' | 'aliases' | 'defaultEntity'>): Set<string> {
	const entities = new Set<string>(set.triples.map((t) => t.subject));
	for (const name of set.aliases.keys()) entities.add(name);
	if (set.defaultEntity !== undefined) entities.add(set.defaultEntity);
	const counts = new Map<string, { objects: Set<string>; entities: number }>();
	for (const { relation, object, language } of set.triples) {
		if (language !== undefined) continue;
		let count = counts.get(relation);
		if (!count) counts.set(relation, (count = { objects: new Set(), entities: 0 }));
		if (count.objects.has(object)) continue;
		count.objects.add(object);
		if (entities.has(object)) count.entities++;
	}
	return new Set([...counts].filter(([, count]) => count.entities * 2 >= count.objects.size).map(([relation]) => relation));
}

function uniqueFacts(facts: Fact[]): Fact[] {
	const seen = new Set<string>();
	return facts.filter((fact) => {
		const key = [fact.subject, fact.relation, fact.object, fact.language ?? ''].join('\u0000');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
