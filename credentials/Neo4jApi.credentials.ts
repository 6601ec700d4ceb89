import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Neo4j server or cluster reached over Bolt. The KG Query node tests it with the driver's
 * `verifyConnectivity` (its `neo4jConnectionTest` credential test): Bolt is not HTTP, so a request-based
 * test cannot check it.
 */
export class Neo4jApi implements ICredentialType {
	name = 'neo4jApi';

	displayName = 'Neo4j API';

	icon = { light: 'file:../icons/supportAi.svg', dark: 'file:../icons/supportAi.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-support-ai/n8n-nodes-support-ai#kg-query';

	properties: INodeProperties[] = [
		{
			displayName: 'Connection URI',
			name: 'uri',
			type: 'string',
			default: 'bolt://localhost:7687',
			placeholder: 'neo4j://graph.example.com:7687',
			description: 'Bolt address: bolt:// for one server, neo4j:// for a cluster; add +s for TLS (neo4j+s://)',
			required: true,
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'neo4j',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			placeholder: 'neo4j',
			description: "Database to use; empty for the server's default database",
		},
	];
}
