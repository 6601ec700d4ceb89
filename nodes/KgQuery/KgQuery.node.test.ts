import type { ICredentialTestFunctions } from 'n8n-workflow';

import { neo4jTestConnection } from '../../test/workflows/neo4jTestServer';
import { inWords } from './graphSource';
import { KgQuery } from './KgQuery.node';
import { closeAllDrivers, describeNeo4jError } from './transport/neo4jDriver';

const connection = neo4jTestConnection();

describe('KG Query node', () => {
	const credentialTest = (data: Record<string, string>) =>
		new KgQuery().methods.credentialTest.neo4jConnectionTest.call({} as ICredentialTestFunctions, { id: '1', name: 'neo4j', type: 'neo4jApi', data });

	afterAll(closeAllDrivers);

	test('the credential test reports an unreachable server within about a second', async () => {
		const started = Date.now();
		const result = await credentialTest({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: '' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:1 is unreachable/);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	(connection ? test : test.skip)('the credential test connects with verifyConnectivity, and names a wrong password', async () => {
		const { uri, user, password } = connection!;
		expect(await credentialTest({ uri, user, password, database: '' })).toEqual({ status: 'OK', message: `Connected to Neo4j at ${uri}` });
		const wrong = await credentialTest({ uri, user, password: `${password}-wrong`, database: '' });
		expect(wrong).toEqual({ status: 'Error', message: `Neo4j at ${uri} rejected user "${user}": check the credential's user and password` });
	});

	test('error messages keep their cause: system error codes in words, Neo4j codes explained', () => {
		expect(inWords("Graph file \"/x.json\" cannot be read: ENOENT: no such file or directory, stat '/x.json'")).toBe(
			"Graph file \"/x.json\" cannot be read: no such file or directory, stat '/x.json'",
		);
		expect(inWords('connect ECONNREFUSED 127.0.0.1:7687')).toBe('connect connection refused 127.0.0.1:7687');
		const credentials = { uri: 'bolt://db:7687', user: 'neo4j', password: 'p', database: 'shop' };
		const error = (code: string) => Object.assign(new Error('server said so'), { code });
		expect(describeNeo4jError(error('Neo.ClientError.Statement.AccessMode'), credentials)).toBe(
			'The query tries to write, but KG Query runs Cypher read-only (server said so)',
		);
		expect(describeNeo4jError(error('Neo.ClientError.Database.DatabaseNotFound'), credentials)).toBe(
			'Neo4j at bolt://db:7687 has no database "shop" (server said so)',
		);
		expect(describeNeo4jError(error('Neo.ClientError.Statement.SyntaxError'), credentials)).toBe(
			'Neo4j error Neo.ClientError.Statement.SyntaxError: server said so',
		);
	});
});
