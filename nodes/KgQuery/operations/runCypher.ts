import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { runReadQuery } from '../../../core/kg/neo4jGraph';
import { numberParameter } from '../../shared/numberParameter';
import type { ResolvedGraph } from '../graphSource';

export async function executeRunCypher(
	context: IExecuteFunctions,
	_item: INodeExecutionData,
	itemIndex: number,
	graph: ResolvedGraph,
): Promise<INodeExecutionData[]> {
	if (!graph.neo4j) {
		throw new NodeOperationError(
			context.getNode(),
			'Run Cypher needs Neo4j: the embedded graph has no Cypher engine. Set Graph to "Neo4j" and choose a Neo4j credential.',
			{ itemIndex },
		);
	}
	const query = String(context.getNodeParameter('query', itemIndex, '')).trim();
	if (query === '') throw new NodeOperationError(context.getNode(), 'Cypher Query is empty', { itemIndex });
	const parameters = queryParameters(context, itemIndex);
	// Checked: Neo4j takes 0 (or NaN) as no limit at all.
	const timeoutSeconds = numberParameter(context, 'cypherOptions.timeoutSeconds', itemIndex, { displayName: 'Timeout (Seconds)', min: 1 }, 10);
	const rows = await runReadQuery(graph.neo4j.driver, query, parameters, {
		database: graph.neo4j.credentials.database,
		transactionTimeoutMs: timeoutSeconds * 1000,
	});
	return rows.map((row) => ({ json: row as IDataObject, pairedItem: { item: itemIndex } }));
}

function queryParameters(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const raw = context.getNodeParameter('queryParameters', itemIndex, '{}') as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		value = raw.trim() === '' ? {} : jsonParse(raw, { fallbackValue: undefined });
		if (value === undefined) {
			throw new NodeOperationError(context.getNode(), `Query Parameters is not valid JSON: ${raw.slice(0, 100)}`, { itemIndex });
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(context.getNode(), 'Query Parameters must be a JSON object, e.g. { "name": "故宫" }', { itemIndex });
	}
	return value as Record<string, unknown>;
}
