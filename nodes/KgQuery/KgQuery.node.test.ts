import type { ICredentialTestFunctions } from 'n8n-workflow';

import { neo4jTestConnection } from '../../test/workflows/neo4jTestServer';
import { inWords } from './graphSource';
import { KgQuery } from './KgQuery.node';
import { closeAllDrivers, createDriver, describeNeo4jError } from './transport/neo4jDriver';

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

	(connection ? test : test.skip)('the credential test says a user locked out after failed logins must wait, not check the password', async () => {
		const { uri, user, password } = connection!;
		// A user of its own: the lock-out must not refuse the user every other test logs in as.
		const lockedUser = `locked_out_${process.pid}`;
		const admin = createDriver({ uri, user, password });
		const asAdmin = async (query: string) =>
			await admin.executeQuery(query, { name: lockedUser, password: 'right-password' }, { database: 'system' });
		await asAdmin('CREATE OR REPLACE USER $name SET PASSWORD $password CHANGE NOT REQUIRED');
		try {
			// Neo4j refuses every login of a user for a while after 3 failed ones (dbms.security.auth_max_failed_attempts).
			const messages: string[] = [];
			while (messages.length < 6 && !messages.at(-1)?.includes('too many failed logins')) {
				messages.push((await credentialTest({ uri, user: lockedUser, password: 'wrong', database: '' })).message!);
			}
			expect(messages[0]).toBe(`Neo4j at ${uri} rejected user "${lockedUser}": check the credential's user and password`);
			expect(messages.at(-1)).toMatch(/^Neo4j at \S+ refuses user "locked_out_\d+" for a while after too many failed logins \(.+\): wait and try again/);
		} finally {
			await asAdmin('DROP USER $name IF EXISTS');
			await admin.close();
		}
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
		expect(describeNeo4jError(error('Neo.ClientError.Security.AuthenticationRateLimit'), credentials)).toBe(
			'Neo4j at bolt://db:7687 refuses user "neo4j" for a while after too many failed logins (server said so): wait and try again; if it recurs, check the user and password of every workflow and client that logs in as that user',
		);
		expect(describeNeo4jError(error('Neo.ClientError.Statement.SyntaxError'), credentials)).toBe(
			'Neo4j error Neo.ClientError.Statement.SyntaxError: server said so',
		);
	});
});
