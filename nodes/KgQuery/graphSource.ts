import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Driver } from 'neo4j-driver';

import { DataError } from '../../core/data/table';
import type { GraphBackend } from '../../core/kg/backend';
import { KgInputError } from '../../core/kg/errors';
import { demoGraphPath, loadGraphFile } from '../../core/kg/graphFiles';
import { Neo4jGraph } from '../../core/kg/neo4jGraph';
import { describeNeo4jError, neo4jDriverFor, type Neo4jCredentials } from './transport/neo4jDriver';

export type GraphSourceName = 'ecommerceDemo' | 'kdconvTravelDemo' | 'file' | 'neo4j';

/** The graph an item is answered from, and what identifies it (for conversation memory). */
export interface ResolvedGraph {
	source: GraphSourceName;
	kind: GraphBackend['kind'];
	/** Loads the graph on first use (an import target file may not exist yet). */
	backend: () => Promise<GraphBackend>;
	identity: string;
	/** The JSON file an embedded import writes to (Triples File only). */
	file?: string;
	neo4j?: { driver: Driver; credentials: Neo4jCredentials };
}

const READ_TIMEOUT_MS = 10_000;
const CATALOG_TTL_MS = 60_000;

export async function resolveGraph(context: IExecuteFunctions, itemIndex: number): Promise<ResolvedGraph> {
	const source = context.getNodeParameter('graphSource', itemIndex) as GraphSourceName;
	if (source === 'neo4j') {
		const data = await context.getCredentials('neo4jApi', itemIndex);
		const credentials: Neo4jCredentials = {
			uri: String(data.uri ?? ''),
			user: String(data.user ?? ''),
			password: String(data.password ?? ''),
			database: data.database ? String(data.database) : undefined,
		};
		if (credentials.uri.trim() === '') {
			throw new NodeOperationError(context.getNode(), 'The Neo4j credential has no connection URI', { itemIndex });
		}
		const driver = neo4jDriverFor(credentials);
		const backend = new Neo4jGraph(driver, { database: credentials.database, transactionTimeoutMs: READ_TIMEOUT_MS, catalogTtlMs: CATALOG_TTL_MS });
		return {
			source,
			kind: backend.kind,
			backend: async () => backend,
			identity: `neo4j:${credentials.uri}/${credentials.database ?? ''}`,
			neo4j: { driver, credentials },
		};
	}
	let file: string;
	if (source === 'file') {
		file = String(context.getNodeParameter('graphFile', itemIndex, '')).trim();
		if (file === '') throw new NodeOperationError(context.getNode(), 'Graph File is empty: give the path of a triples file', { itemIndex });
	} else {
		file = demoGraphPath(source === 'ecommerceDemo' ? 'ecommerce' : 'kdconvTravel');
	}
	return {
		source,
		kind: 'embedded',
		backend: async () => await loadGraphFile(file),
		identity: `file:${file}`,
		file: source === 'file' ? file : undefined,
	};
}

/** Any failure of an operation as a NodeOperationError for the item, naming the cause. */
export function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number, graph?: ResolvedGraph): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const cause = error instanceof Error ? error : new Error(String(error));
	const isNeo4jError = cause.name === 'Neo4jError' || typeof (cause as { code?: unknown }).code === 'string';
	const message =
		graph?.neo4j && isNeo4jError && !(cause instanceof KgInputError) && !(cause instanceof DataError)
			? describeNeo4jError(cause, graph.neo4j.credentials)
			: cause.message;
	return new NodeOperationError(context.getNode(), inWords(message), { itemIndex });
}

/**
 * n8n replaces a whole error message that contains a system error code (ENOENT, ECONNREFUSED, …) with
 * a generic sentence, losing which file or server failed: put the codes in words instead.
 */
const CODE_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ECONNABORTED: 'connection aborted',
	ENOTFOUND: 'host not found',
	ETIMEDOUT: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	EADDRNOTAVAIL: 'address not available',
	EAI_AGAIN: 'DNS lookup failed',
	GETADDRINFO: 'address lookup',
	ENOENT: 'not found',
	EISDIR: 'is a folder',
	ENOTDIR: 'not a folder',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EEXIST: 'already exists',
	ERRADDRINUSE: 'address in use',
};
const ERROR_CODE = new RegExp(`\\b(${Object.keys(CODE_WORDS).join('|')})\\b(: )?`, 'gi');

export function inWords(message: string): string {
	// "ENOENT: no such file or directory" already says it in words; "connect ECONNREFUSED" does not.
	return message.replace(ERROR_CODE, (_match, code: string, colon?: string) => (colon ? '' : CODE_WORDS[code.toUpperCase()]));
}
