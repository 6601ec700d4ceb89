import { execFileSync } from 'node:child_process';
import path from 'node:path';

import type { TestCredentials } from '../harness';
import { testServerVariable } from '../support/testServerVariable';

/** Connection to the Neo4j that `.ci/run` starts (test/neo4j/start.sh), from NEO4J_TEST_* variables. */
export interface Neo4jTestConnection {
	uri: string;
	user: string;
	password: string;
}

/**
 * The test Neo4j, or undefined (tests skipped, with a note) when NEO4J_TEST_URI is unset on a
 * developer's machine. Under CI (`CI` set) a missing server is an error, never a silent skip.
 */
export function neo4jTestConnection(): Neo4jTestConnection | undefined {
	const uri = testServerVariable(
		'NEO4J_TEST_URI',
		'Neo4j',
		'start one with: eval "$(bash test/neo4j/start.sh)" (stop: bash test/neo4j/stop.sh)',
	);
	if (uri === undefined) return undefined;
	return { uri, user: process.env.NEO4J_TEST_USER ?? 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '' };
}

export function neo4jCredentials(connection: Neo4jTestConnection): TestCredentials {
	return { neo4jApi: { uri: connection.uri, user: connection.user, password: connection.password, database: '' } };
}

const LAUNCHER = path.resolve(__dirname, '../neo4j');

/** Starts a Neo4j of its own (another port and folder) for a test that stops it; returns its exports. */
export function startOwnNeo4j(port: number, folder: string): Neo4jTestConnection {
	const exports = execFileSync('bash', [path.join(LAUNCHER, 'start.sh')], {
		env: { ...process.env, NEO4J_TEST_PORT: String(port), NEO4J_TEST_DIR: folder },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const value = (name: string) => new RegExp(`^export ${name}=(.*)$`, 'm').exec(exports)?.[1] ?? '';
	return { uri: value('NEO4J_TEST_URI'), user: value('NEO4J_TEST_USER'), password: value('NEO4J_TEST_PASSWORD') };
}

export function stopOwnNeo4j(port: number, folder: string): void {
	execFileSync('bash', [path.join(LAUNCHER, 'stop.sh')], {
		env: { ...process.env, NEO4J_TEST_PORT: String(port), NEO4J_TEST_DIR: folder },
		stdio: ['ignore', 'inherit', 'inherit'],
	});
}
