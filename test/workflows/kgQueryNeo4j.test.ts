import neo4j, { type Driver } from 'neo4j-driver';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadGraphFile } from '../../core/kg/graphFiles';
import { assertFixtureExpectations, loadWorkflowFixture, runWorkflow, runWorkflowFixture, type WorkflowJson, type WorkflowRun } from '../harness';
import { neo4jCredentials, neo4jTestConnection } from './neo4jTestServer';

/**
 * KG Query against a real Neo4j 5.26 (test/neo4j): import, answers identical to the embedded graph's,
 * read-only Cypher, hostile input. Needs NEO4J_TEST_URI (see neo4jTestServer.ts).
 */
const connection = neo4jTestConnection();
const describeWithNeo4j = connection ? describe : describe.skip;
const KG_FOLDER = path.resolve(__dirname, '../../kg');

/** The same fixture run on Neo4j: every KG Query node switched to the Neo4j graph and credential. */
function onNeo4j(workflow: WorkflowJson): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === 'n8n-nodes-support-ai.kgQuery'
				? { ...node, parameters: { ...node.parameters, graphSource: 'neo4j' }, credentials: { neo4jApi: { id: 'kg-neo4j-test', name: 'Neo4j (test)' } } }
				: node,
		),
	};
}

/** What both backends must agree on: outputs without `backend`/`query`, lists in a fixed order. */
function comparable(run: WorkflowRun): unknown[] {
	const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
	const unordered = new Set(['facts', 'paths', 'neighbours', 'aliases', 'otherMatches']);
	return Object.values(run.outputs)
		.flatMap((branches) => branches.flat())
		.map(({ json }) =>
			JSON.parse(
				JSON.stringify(json, (key, value: unknown) => {
					if (key === 'backend' || key === 'query') return undefined;
					// The relations listed in a reason differ: the Neo4j database holds both demo graphs.
					if (key === 'reason') return typeof value;
					if (key === 'properties') {
						return Object.fromEntries(Object.entries(value as Record<string, string[]>).map(([name, values]) => [name, [...values].sort()]));
					}
					return unordered.has(key) && Array.isArray(value) ? [...value].sort(byJson) : value;
				}),
			),
		);
}

describeWithNeo4j('KG Query on Neo4j', () => {
	let credentials: ReturnType<typeof neo4jCredentials>;
	let driver: Driver;
	const count = async () => {
		const { records } = await driver.executeQuery('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships');
		return { nodes: records[0].get('nodes') as number, relationships: records[0].get('relationships') as number };
	};
	const importFile = async (sourceFile: string) =>
		await runWorkflowFixture('kg-neo4j-import.workflow.json', { credentials, input: [{ json: { sourceFile } }] });

	beforeAll(async () => {
		credentials = neo4jCredentials(connection!);
		driver = neo4j.driver(connection!.uri, neo4j.auth.basic(connection!.user, connection!.password), { disableLosslessIntegers: true });
		for (const file of ['kdconv-travel/kb_travel.json', 'ecommerce-support/graph.json']) {
			assertFixtureExpectations(await importFile(path.join(KG_FOLDER, file)));
		}
	}, 180_000);

	afterAll(async () => {
		await driver?.close();
		// The node's pooled drivers live in the built module the harness loaded.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const transport = require(path.resolve(__dirname, '../../dist/nodes/KgQuery/transport/neo4jDriver.js')) as { closeAllDrivers(): Promise<void> };
		await transport.closeAllDrivers();
	});

	test('imports the KdConv graph: the same entities as the embedded graph, and a second import creates nothing', async () => {
		const again = await importFile(path.join(KG_FOLDER, 'kdconv-travel/kb_travel.json'));
		expect(again.outputs['Import Triples'][0][0].json.import).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0 });
		const embedded = await loadGraphFile(path.join(KG_FOLDER, 'kdconv-travel/kb_travel.json'));
		const names = embedded.entityNames();
		const { records } = await driver.executeQuery('MATCH (e:Entity) WHERE e.name IN $names RETURN count(e) AS entities', { names });
		expect(records[0].get('entities')).toBe(names.length);
	}, 120_000);

	test.each(['kg-answer-travel.workflow.json', 'kg-answer-ecommerce.workflow.json', 'kg-lookup.workflow.json'])(
		'%s gives the same answers on Neo4j as on the embedded graph',
		async (fixture) => {
			const { workflow, test } = loadWorkflowFixture(fixture);
			const embedded = await runWorkflow(workflow, { input: test.input });
			const onServer = await runWorkflow(onNeo4j(workflow), { input: test.input, credentials });
			expect(onServer.status).toBe('success');
			expect(comparable(onServer)).toEqual(comparable(embedded));
		},
		60_000,
	);

	test('Run Cypher: parameters from each item, one output item per row, integers as numbers', async () => {
		assertFixtureExpectations(await runWorkflowFixture('kg-neo4j-cypher.workflow.json', { credentials }));
	});

	test('Run Cypher refuses writes, and nothing changes', async () => {
		const before = await count();
		const run = await runWorkflowFixture('kg-neo4j-readonly.workflow.json', { credentials });
		assertFixtureExpectations(run);
		const create = await runWorkflowFixture('kg-neo4j-readonly.workflow.json', { credentials, input: [{ json: { query: 'CREATE (:Evil {at: timestamp()})' } }] });
		expect(create.error?.message).toMatch(/read-only/);
		expect(await count()).toEqual(before);
	});

	test('Run Cypher stops a query at its timeout, and refuses a timeout of 0 or not a number (Neo4j would run it without limit)', async () => {
		const { workflow } = loadWorkflowFixture('kg-neo4j-readonly.workflow.json');
		const cypherNode = workflow.nodes.find((node) => node.name === 'Run Cypher')!;
		cypherNode.parameters.cypherOptions = { timeoutSeconds: '={{ $json.timeoutSeconds }}' };
		const query = 'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS multiples';
		const limited = await runWorkflow(workflow, { input: [{ json: { query, timeoutSeconds: 1 } }], credentials });
		expect(limited.error?.message).toMatch(/^The Neo4j query ran past its time limit/);
		for (const timeoutSeconds of [0, 'soon']) {
			const run = await runWorkflow(workflow, { input: [{ json: { query, timeoutSeconds } }], credentials });
			expect(run.error?.message).toBe(`Timeout (Seconds) must be a number of at least 1, got ${JSON.stringify(timeoutSeconds)}`);
		}
	}, 60_000);

	test('hostile names, relation paths and parameters are data: nothing in the graph changes', async () => {
		const before = await count();
		assertFixtureExpectations(await runWorkflowFixture('kg-neo4j-injection.workflow.json', { credentials }));
		expect(await count()).toEqual(before);
	});

	test('a Batch Size below 1 or not a whole number (from an expression) is refused before anything is written', async () => {
		const { workflow } = loadWorkflowFixture('kg-neo4j-import.workflow.json');
		const importNode = workflow.nodes.find((node) => node.name === 'Import Triples')!;
		importNode.parameters.importOptions = { batchSize: '={{ $json.batchSize }}' };
		const sourceFile = path.join(KG_FOLDER, 'ecommerce-support/graph.json');
		const before = await count();
		for (const batchSize of [0, -1, 2.5, 'all']) {
			const run = await runWorkflow(workflow, { input: [{ json: { sourceFile, batchSize } }], credentials });
			expect(run.error?.message).toBe(`Batch Size must be a whole number of at least 1, got ${JSON.stringify(batchSize)}`);
		}
		expect(await count()).toEqual(before);
	}, 60_000);

	test('entity names with quotes, braces and //, and a relation named constructor, are imported and found verbatim', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'kg-neo4j-hostile-'));
		const file = path.join(folder, 'hostile.json');
		const run = Date.now();
		const names = [`O'Brien"s {shop ${run}} // MATCH (n) DETACH DELETE n`, `\`x${run}\`}) DETACH DELETE n //`];
		writeFileSync(file, JSON.stringify([[names[0], 'near', names[1]], [names[1], 'near', names[0]], [names[0], 'phone', "'; DROP //"], [names[0], 'constructor', 'Eiffel']]));
		const before = await count();
		assertFixtureExpectations(await importFile(file));
		expect(await count()).toEqual({ nodes: before.nodes + 4, relationships: before.relationships + 4 });
		const { workflow } = loadWorkflowFixture('kg-lookup.workflow.json');
		const lookup = await runWorkflow(onNeo4j(workflow), { input: [{ json: { entity: names[0] } }], credentials });
		expect(lookup.outputs['KG Query'][0][0].json.kg).toMatchObject({
			found: true,
			name: names[0],
			properties: { phone: ["'; DROP //"], constructor: ['Eiffel'] },
			neighbours: expect.arrayContaining([{ relation: 'near', direction: 'out', entity: names[1] }]),
		});
	});
});
