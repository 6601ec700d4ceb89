import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { assertFixtureExpectations, loadWorkflowFixture, runWorkflow, runWorkflowFixture, type WorkflowJson } from '../harness';
import { neo4jCredentials, neo4jTestConnection, startOwnNeo4j, stopOwnNeo4j } from './neo4jTestServer';

/**
 * Neo4j going away while KG Query works: a clear error in about a second, no hang, continue on fail
 * honoured. Uses a Neo4j of its own (port 7698) so stopping it cannot disturb other tests; runs where
 * the shared test Neo4j runs (the launcher is built there).
 */
const describeWithNeo4j = neo4jTestConnection() ? describe : describe.skip;
const PORT = Number(process.env.NEO4J_STOP_TEST_PORT ?? 7698);

describeWithNeo4j('KG Query when Neo4j stops', () => {
	const folder = mkdtempSync(path.join(tmpdir(), 'kg-neo4j-stop-'));
	let credentials: ReturnType<typeof neo4jCredentials>;

	const cypherWorkflow = (query: string, continueOnFail: boolean): WorkflowJson => {
		const { workflow } = loadWorkflowFixture('kg-neo4j-readonly.workflow.json');
		return {
			...workflow,
			nodes: workflow.nodes.map((node) =>
				node.name === 'Run Cypher'
					? {
							...node,
							parameters: { ...node.parameters, query, cypherOptions: { timeoutSeconds: 60 } },
							...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
						}
					: node,
			),
		};
	};

	beforeAll(() => {
		credentials = neo4jCredentials(startOwnNeo4j(PORT, folder));
	}, 180_000);

	afterAll(async () => {
		stopOwnNeo4j(PORT, folder);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const transport = require(path.resolve(__dirname, '../../dist/nodes/KgQuery/transport/neo4jDriver.js')) as { closeAllDrivers(): Promise<void> };
		await transport.closeAllDrivers();
	});

	test('killed during a query: the run fails with a clear error about a second later', async () => {
		const kg = path.resolve(__dirname, '../../kg/ecommerce-support/graph.json');
		assertFixtureExpectations(await runWorkflowFixture('kg-neo4j-import.workflow.json', { credentials, input: [{ json: { sourceFile: kg } }] }));

		const slowQuery = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n';
		const running = runWorkflow(cypherWorkflow(slowQuery, false), { credentials, input: [{ json: {} }] });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const killedAt = Date.now();
		process.kill(Number(readFileSync(path.join(folder, 'neo4j.pid'), 'utf8')), 'SIGKILL');
		const run = await running;
		const seconds = (Date.now() - killedAt) / 1000;

		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ is unreachable .*Is the server running and the URI right\?$/s);
		expect(seconds).toBeLessThan(5);
		process.stderr.write(`  Neo4j killed mid-query: the run failed ${seconds.toFixed(2)} s later\n`);
	}, 60_000);

	test('stopped: each item fails in about a second; with continue on fail they become error items', async () => {
		const started = Date.now();
		const run = await runWorkflow(cypherWorkflow('RETURN 1 AS one', true), { credentials, input: [{ json: { n: 1 } }, { json: { n: 2 } }] });
		const seconds = (Date.now() - started) / 1000;

		expect(run.status).toBe('success');
		const items = run.outputs['Run Cypher'][0];
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of items) expect(item.json.error).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ is unreachable/);
		expect(seconds).toBeLessThan(2 * 3);
		process.stderr.write(`  Neo4j stopped: 2 items failed in ${seconds.toFixed(2)} s\n`);
	}, 60_000);
});
