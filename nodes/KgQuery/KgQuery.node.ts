import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withFields } from '../shared/outputItem';
import { answerProperties, cypherProperties, graphProperties, importProperties, lookupProperties } from './description';
import { asNodeError, resolveGraph, type ResolvedGraph } from './graphSource';
import { executeAnswerQuestion } from './operations/answerQuestion';
import { executeImportTriples } from './operations/importTriples';
import { executeLookupEntity } from './operations/lookupEntity';
import { executeRunCypher } from './operations/runCypher';
import { createDriver, describeNeo4jError, type Neo4jCredentials } from './transport/neo4jDriver';

type Operation = (
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	graph: ResolvedGraph,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, Operation> = {
	answerQuestion: executeAnswerQuestion,
	lookupEntity: executeLookupEntity,
	runCypher: executeRunCypher,
	importTriples: executeImportTriples,
};

export class KgQuery implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KG Query',
		name: 'kgQuery',
		icon: { light: 'file:../../icons/kgQuery.svg', dark: 'file:../../icons/kgQuery.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Answer customer questions from a knowledge graph (Neo4j or embedded), following the relations their intent maps to',
		defaults: { name: 'KG Query' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{
				name: 'neo4jApi',
				required: true,
				testedBy: 'neo4jConnectionTest',
				displayOptions: { show: { graphSource: ['neo4j'] } },
			},
		],
		properties: [...graphProperties, ...answerProperties, ...lookupProperties, ...cypherProperties, ...importProperties],
	};

	methods = {
		credentialTest: {
			async neo4jConnectionTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data ?? {};
				const credentials: Neo4jCredentials = {
					uri: String(data.uri ?? ''),
					user: String(data.user ?? ''),
					password: String(data.password ?? ''),
					database: data.database ? String(data.database) : undefined,
				};
				const driver = createDriver(credentials);
				try {
					await driver.verifyConnectivity({ database: credentials.database });
					return { status: 'OK', message: `Connected to Neo4j at ${credentials.uri}` };
				} catch (error) {
					return { status: 'Error', message: describeNeo4jError(error as Error, credentials) };
				} finally {
					await driver.close();
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const run = operations[operation];
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			let graph: ResolvedGraph | undefined;
			try {
				graph = await resolveGraph(this, itemIndex);
				output.push(...(await run(this, items[itemIndex], itemIndex, graph)));
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex, graph);
				if (!this.continueOnFail()) throw nodeError;
				output.push(withFields(items[itemIndex], itemIndex, { error: nodeError.message }));
			}
		}
		return [output];
	}
}
