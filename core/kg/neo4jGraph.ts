import neo4j, { type Driver, type ManagedTransaction, type QueryStatistics } from 'neo4j-driver';

import { languageMatches, valuesByRelation, type GraphBackend, type WalkOptions } from './backend';
import { GraphCatalog } from './catalog';
import { relationsBetweenEntities } from './embeddedGraph';
import { normalizeForMatching } from './text';
import type {
	Direction,
	EntityDetails,
	EntityProfile,
	Fact,
	Hop,
	LookupOptions,
	Neighbour,
	RelationPath,
	TripleSet,
	WalkedPath,
	WalkResult,
} from './types';

/**
 * The graph in Neo4j, in this schema (what Import triples writes):
 *   (:Entity {name, aliases})-[:REL {relation}]->(:Entity)            a relation between entities
 *   (:Entity)-[:REL {relation, language}]->(:Value {value})           a literal ('' = no language)
 *   (:KgMeta {name: 'graph', defaultEntity, intentPaths})             the graph's answering defaults
 * Every query is parameterized: names, relations, values and limits travel as parameters; the only
 * text assembled is the arrow direction of each hop, chosen from two constants.
 */
export interface Neo4jGraphOptions {
	database?: string;
	/** Server-side limit for each read transaction. */
	transactionTimeoutMs: number;
	/** How long the entity names for linking are reused before being read again. */
	catalogTtlMs: number;
}

const META_NAME = 'graph';

export class Neo4jGraph implements GraphBackend {
	readonly kind = 'neo4j';

	constructor(
		private readonly driver: Driver,
		private readonly options: Neo4jGraphOptions,
	) {}

	async catalog(): Promise<GraphCatalog> {
		const cache = catalogCache(this.driver);
		const key = this.options.database ?? '';
		const cached = cache.get(key);
		if (cached && cached.expiresAt > Date.now()) return await cached.catalog;
		const catalog = this.read(async (tx) => {
			const entities = await tx.run('MATCH (e:Entity) RETURN e.name AS name, coalesce(e.aliases, []) AS aliases');
			const relations = await tx.run('MATCH ()-[r:REL]->() RETURN DISTINCT r.relation AS relation');
			const meta = await tx.run(
				'MATCH (m:KgMeta {name: $name}) RETURN m.defaultEntity AS defaultEntity, m.intentPaths AS intentPaths',
				{ name: META_NAME },
			);
			const metaRecord = meta.records[0];
			return new GraphCatalog(
				entities.records.map((r) => ({ name: r.get('name') as string, aliases: r.get('aliases') as string[] })),
				new Set(relations.records.map((r) => r.get('relation') as string)),
				(metaRecord?.get('defaultEntity') as string | null) ?? undefined,
				parseIntentPaths(metaRecord?.get('intentPaths') as string | null),
			);
		});
		cache.set(key, { expiresAt: Date.now() + this.options.catalogTtlMs, catalog });
		catalog.catch(() => cache.delete(key));
		return await catalog;
	}

	async profiles(names: string[]): Promise<Map<string, EntityProfile>> {
		const profiles = new Map<string, EntityProfile>();
		if (names.length === 0) return profiles;
		const records = await this.read(
			async (tx) =>
				(
					await tx.run(
						`UNWIND $names AS name
						 MATCH (e:Entity {name: name})
						 RETURN e.name AS name,
						   COLLECT { MATCH (e)-[r:REL]->() RETURN DISTINCT r.relation } AS outRelations,
						   COLLECT { MATCH (e)<-[r:REL]-(:Entity) RETURN DISTINCT r.relation } AS inRelations,
						   COLLECT { MATCH (e)-[:REL]->(v:Value) RETURN v.value } AS literals`,
						{ names },
					)
				).records,
		);
		for (const record of records) {
			const name = record.get('name') as string;
			profiles.set(name, {
				name,
				outRelations: new Set(record.get('outRelations') as string[]),
				inRelations: new Set(record.get('inRelations') as string[]),
				literalText: (record.get('literals') as string[]).map(normalizeForMatching).join('\n'),
			});
		}
		return profiles;
	}

	async walk(entities: string[], paths: RelationPath[], options: WalkOptions): Promise<WalkResult> {
		const facts: Fact[] = [];
		const walked: WalkedPath[] = [];
		const queries = new Set<string>();
		await this.read(async (tx) => {
			for (const relationPath of paths) {
				const query = walkQuery(relationPath.hops);
				queries.add(query);
				for (const entity of entities) {
					const parameters = {
						entity,
						...Object.fromEntries(relationPath.hops.map((hop, i) => [`r${i + 1}`, hop.relation])),
						language: options.language ?? null,
						limit: neo4j.int(options.limit),
					};
					const result = await tx.run(query, parameters);
					for (const record of result.records) {
						const nodes = record.get('nodes') as string[];
						const languages = record.get('languages') as string[];
						const path: WalkedPath = [nodes[0]];
						relationPath.hops.forEach((hop, i) => {
							path.push(hop.relation, nodes[i + 1]);
							facts.push(factOf(hop, nodes[i], nodes[i + 1], languages[i]));
						});
						walked.push(path);
					}
				}
			}
		});
		const query = [...queries].join('\n') + `\n// entities: ${JSON.stringify(entities)}`;
		return { facts: uniqueFacts(facts), paths: walked, query };
	}

	async lookup(name: string, options: LookupOptions): Promise<EntityDetails | undefined> {
		const record = await this.read(async (tx) => {
			const result = await tx.run(
				`MATCH (e:Entity {name: $name})
				 RETURN e.name AS name, coalesce(e.aliases, []) AS aliases,
				   COLLECT { MATCH (e)-[r:REL]->(v:Value)
				             WHERE $relations IS NULL OR r.relation IN $relations
				             RETURN [r.relation, v.value, r.language] } AS properties,
				   COLLECT { MATCH (e)-[r:REL]-(n:Entity)
				             WHERE $relations IS NULL OR r.relation IN $relations
				             RETURN [r.relation, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END, n.name]
				             LIMIT $limit } AS neighbours`,
				{ name, relations: options.relations?.length ? options.relations : null, limit: neo4j.int(options.limit) },
			);
			return result.records[0];
		});
		if (!record) return undefined;
		const properties = valuesByRelation(
			(record.get('properties') as string[][])
				.filter(([, , language]) => languageMatches(language, options.language))
				.map(([relation, value]) => [relation, value] as const),
		);
		const neighbours: Neighbour[] = (record.get('neighbours') as string[][]).map(([relation, direction, entity]) => ({
			relation,
			direction: direction as Direction,
			entity,
		}));
		return { name: record.get('name') as string, aliases: record.get('aliases') as string[], properties, neighbours };
	}

	private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
		const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
		try {
			return await session.executeRead(work, { timeout: this.options.transactionTimeoutMs });
		} finally {
			await session.close();
		}
	}
}

/** One template per arrow direction; relations, names and limits are parameters. */
function walkQuery(hops: Hop[]): string {
	const arrow = (hop: Hop, i: number) =>
		hop.direction === 'out' ? `-[r${i}:REL {relation: $r${i}}]->` : `<-[r${i}:REL {relation: $r${i}}]-`;
	const last = hops.length;
	// Middle nodes are entities; the last may be a literal, filtered by language.
	const nodes = hops.map((hop, index) => `${arrow(hop, index + 1)}(n${index + 1}${index + 1 < last ? ':Entity' : ''})`).join('');
	return [
		`MATCH (n0:Entity {name: $entity})${nodes}`,
		`WHERE n${last}:Entity OR $language IS NULL OR r${last}.language IN ['', $language]`,
		`RETURN [${hops.map((_, i) => `n${i}`).concat(`n${last}`).map((n) => `coalesce(${n}.name, ${n}.value)`).join(', ')}] AS nodes,`,
		`  [${hops.map((_, i) => `coalesce(r${i + 1}.language, '')`).join(', ')}] AS languages`,
		'LIMIT $limit',
	].join('\n');
}

function factOf(hop: Hop, from: string, to: string, language: string): Fact {
	const fact: Fact =
		hop.direction === 'out'
			? { subject: from, relation: hop.relation, object: to }
			: { subject: to, relation: hop.relation, object: from };
	if (language !== '') fact.language = language;
	return fact;
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

function parseIntentPaths(text: string | null | undefined): Record<string, string[]> {
	if (!text) return {};
	try {
		return JSON.parse(text) as Record<string, string[]>;
	} catch {
		return {};
	}
}

const catalogs = new WeakMap<Driver, Map<string, { expiresAt: number; catalog: Promise<GraphCatalog> }>>();

function catalogCache(driver: Driver) {
	let cache = catalogs.get(driver);
	if (!cache) catalogs.set(driver, (cache = new Map()));
	return cache;
}

export interface ImportSummary {
	triples: number;
	entities: number;
	batches: number;
	nodesCreated: number;
	relationshipsCreated: number;
	propertiesSet: number;
}

/**
 * Writes a triple set into Neo4j in the schema above: MERGE only (running it twice changes nothing),
 * `batchSize` rows per parameterized UNWIND transaction.
 */
export async function importIntoNeo4j(
	driver: Driver,
	set: TripleSet,
	options: { database?: string; batchSize: number; transactionTimeoutMs: number },
): Promise<ImportSummary> {
	const summary: ImportSummary = { triples: set.triples.length, entities: 0, batches: 0, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 };
	const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.WRITE });
	const count = (stats: QueryStatistics) => {
		const updates = stats.updates();
		summary.nodesCreated += updates.nodesCreated;
		summary.relationshipsCreated += updates.relationshipsCreated;
		summary.propertiesSet += updates.propertiesSet;
	};
	const write = async (query: string, parameters: Record<string, unknown>) => {
		const result = await session.executeWrite((tx) => tx.run(query, parameters), { timeout: options.transactionTimeoutMs });
		count(result.summary.counters);
		summary.batches++;
	};
	const inBatches = async (rows: object[], query: string) => {
		for (let start = 0; start < rows.length; start += options.batchSize) {
			await write(query, { rows: rows.slice(start, start + options.batchSize) });
		}
	};
	try {
		// A schema change runs in a transaction of its own.
		await session.executeWrite((tx) =>
			tx.run('CREATE CONSTRAINT kg_entity_name IF NOT EXISTS FOR (e:Entity) REQUIRE e.name IS UNIQUE'),
		);

		const entityRelations = relationsBetweenEntities(set);
		const isEdge = (t: TripleSet['triples'][number]) => t.language === undefined && entityRelations.has(t.relation);
		const names = new Set<string>([...set.aliases.keys()]);
		if (set.defaultEntity !== undefined) names.add(set.defaultEntity);
		for (const triple of set.triples) {
			names.add(triple.subject);
			if (isEdge(triple)) names.add(triple.object);
		}
		summary.entities = names.size;
		await inBatches(
			[...names].map((name) => ({ name, aliases: set.aliases.get(name) ?? [] })),
			`UNWIND $rows AS row
			 MERGE (e:Entity {name: row.name})
			 SET e.aliases = coalesce(e.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(e.aliases, [])]`,
		);
		await inBatches(
			set.triples.filter(isEdge).map(({ subject, relation, object }) => ({ subject, relation, object })),
			`UNWIND $rows AS row
			 MATCH (a:Entity {name: row.subject}), (b:Entity {name: row.object})
			 MERGE (a)-[:REL {relation: row.relation}]->(b)`,
		);
		await inBatches(
			set.triples
				.filter((t) => !isEdge(t))
				.map(({ subject, relation, object, language }) => ({ subject, relation, value: object, language: language ?? '' })),
			`UNWIND $rows AS row
			 MATCH (a:Entity {name: row.subject})
			 MERGE (a)-[:REL {relation: row.relation, language: row.language}]->(:Value {value: row.value})`,
		);
		if (set.defaultEntity !== undefined || Object.keys(set.intentPaths).length > 0) {
			const existing = await session.executeRead((tx) =>
				tx.run('MATCH (m:KgMeta {name: $name}) RETURN m.intentPaths AS intentPaths', { name: META_NAME }),
			);
			const intentPaths = { ...parseIntentPaths(existing.records[0]?.get('intentPaths') as string | null), ...set.intentPaths };
			await write(
				`MERGE (m:KgMeta {name: $name})
				 SET m.defaultEntity = coalesce($defaultEntity, m.defaultEntity), m.intentPaths = $intentPaths`,
				{ name: META_NAME, defaultEntity: set.defaultEntity ?? null, intentPaths: JSON.stringify(intentPaths) },
			);
		}
	} finally {
		await session.close();
	}
	catalogCache(driver).clear();
	return summary;
}

/**
 * Runs user Cypher in a READ transaction (the server refuses writes) and returns plain rows: nodes
 * and relationships as objects, temporal and spatial values as strings.
 */
export async function runReadQuery(
	driver: Driver,
	query: string,
	parameters: Record<string, unknown>,
	options: { database?: string; transactionTimeoutMs: number },
): Promise<Record<string, unknown>[]> {
	const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
	try {
		return await session.executeRead(
			async (tx) => (await tx.run(query, parameters)).records.map((record) => plainObject(record.toObject())),
			{ timeout: options.transactionTimeoutMs },
		);
	} finally {
		await session.close();
	}
}

function plainObject(object: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toPlain(value)]));
}

/** Driver values as JSON-friendly ones (integers are numbers already: the driver is made that way). */
export function toPlain(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (Array.isArray(value)) return value.map(toPlain);
	if (neo4j.isInt(value)) return value.toNumber();
	if (neo4j.isNode(value)) return { elementId: value.elementId, labels: value.labels, properties: plainObject(value.properties) };
	if (neo4j.isRelationship(value)) {
		return {
			elementId: value.elementId,
			type: value.type,
			start: value.startNodeElementId,
			end: value.endNodeElementId,
			properties: plainObject(value.properties),
		};
	}
	if (neo4j.isPath(value)) {
		return { start: toPlain(value.start), end: toPlain(value.end), segments: value.segments.map((s) => ({ start: toPlain(s.start), relationship: toPlain(s.relationship), end: toPlain(s.end) })) };
	}
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'object' && value.constructor === Object) return plainObject(value as Record<string, unknown>);
	if (typeof value === 'object') return String(value);
	return value;
}
