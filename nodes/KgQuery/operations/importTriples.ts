import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { importIntoGraphFile } from '../../../core/kg/graphFiles';
import { importIntoNeo4j } from '../../../core/kg/neo4jGraph';
import { readTriplesFile } from '../../../core/kg/triplesFile';
import { numberParameter } from '../../shared/numberParameter';
import { withFields } from '../../shared/outputItem';
import type { ResolvedGraph } from '../graphSource';

const WRITE_TIMEOUT_MS = 120_000;

export async function executeImportTriples(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	graph: ResolvedGraph,
): Promise<INodeExecutionData[]> {
	const sourceFile = String(context.getNodeParameter('sourceFile', itemIndex, '')).trim();
	if (sourceFile === '') throw new NodeOperationError(context.getNode(), 'Triples File is empty: give the path of the file to import', { itemIndex });
	// Checked before anything is written: 0 or less would batch for ever.
	const batchSize = numberParameter(context, 'importOptions.batchSize', itemIndex, { displayName: 'Batch Size', min: 1, integer: true }, 1000);
	if (!graph.neo4j && !graph.file) {
		throw new NodeOperationError(
			context.getNode(),
			'The demo graphs are read-only: set Graph to "Embedded: Triples File" (a .json file to write) or to "Neo4j"',
			{ itemIndex },
		);
	}
	const set = await readTriplesFile(sourceFile);
	const summary = graph.neo4j
		? await importIntoNeo4j(graph.neo4j.driver, set, {
				database: graph.neo4j.credentials.database,
				batchSize,
				transactionTimeoutMs: WRITE_TIMEOUT_MS,
			})
		: await importIntoGraphFile(graph.file!, set);
	const target = graph.neo4j ? graph.identity : graph.file;
	return [withFields(item, itemIndex, { import: { source: sourceFile, target, backend: graph.kind, ...summary } })];
}
