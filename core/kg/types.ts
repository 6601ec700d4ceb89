/** One statement of a knowledge graph. `language` tags a literal object written in one language. */
export interface Triple {
	subject: string;
	relation: string;
	object: string;
	language?: string;
}

/** What a triples file holds: statements plus the graph's own linking and answering defaults. */
export interface TripleSet {
	triples: Triple[];
	/** Other names of an entity (canonical name → aliases), used by entity linking. */
	aliases: Map<string, string[]>;
	/** The entity a question is about when it names none and the conversation names none (e.g. the shop). */
	defaultEntity?: string;
	/** Default intent → relation paths of this graph (path syntax of `parseRelationPath`). */
	intentPaths: Record<string, string[]>;
}

export type Direction = 'out' | 'in';

/** One step along a relation: `out` follows subject → object, `in` object → subject. */
export interface Hop {
	relation: string;
	direction: Direction;
}

/** 1–2 hops followed from an entity, e.g. `payment_method > description`. */
export interface RelationPath {
	hops: Hop[];
	/** The path as written, e.g. `^周边景点`. */
	text: string;
}

export interface Fact {
	subject: string;
	relation: string;
	object: string;
	language?: string;
}

/** A path walked from an entity: alternating node, relation, node (…), as `[a, r1, b, r2, c]`. */
export type WalkedPath = string[];

export type EntitySource = 'question' | 'history' | 'input' | 'memory' | 'default';

export interface LinkedEntity {
	name: string;
	source: EntitySource;
}

/** What context resolution needs to know about an entity. */
export interface EntityProfile {
	name: string;
	/** Relations this entity has, outgoing and incoming. */
	outRelations: Set<string>;
	inRelations: Set<string>;
	/** Its literal values, normalized: a mention found inside them describes this entity, not a new topic. */
	literalText: string;
}

export interface EntityRecord {
	name: string;
	aliases: string[];
}

export interface Neighbour {
	relation: string;
	direction: Direction;
	entity: string;
}

export interface EntityDetails {
	name: string;
	aliases: string[];
	/** Literal values by relation (language-tagged ones filtered to the requested language). */
	properties: Record<string, string[]>;
	neighbours: Neighbour[];
}

export interface WalkResult {
	facts: Fact[];
	paths: WalkedPath[];
	/** What was run: Cypher with its parameters on Neo4j, the walked paths on the embedded graph. */
	query: string;
}

export interface LookupOptions {
	relations?: string[];
	limit: number;
	language?: string;
}
