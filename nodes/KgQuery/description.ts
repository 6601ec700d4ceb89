import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { operation } });

export const graphProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Answer Question',
				value: 'answerQuestion',
				description: 'Find the entities a message is about and follow the relations its intent maps to',
				action: 'Answer a question from the knowledge graph',
			},
			{
				name: 'Lookup Entity',
				value: 'lookupEntity',
				description: 'Properties and neighbours of an entity, by name or alias',
				action: 'Look up an entity',
			},
			{
				name: 'Run Cypher (Read-Only)',
				value: 'runCypher',
				description: 'Run your own Cypher on Neo4j in a read transaction; one item per row',
				action: 'Run a read only cypher query',
			},
			{
				name: 'Import Triples',
				value: 'importTriples',
				description: 'Load a triples file into Neo4j or into an embedded graph file',
				action: 'Import triples into the graph',
			},
		],
		default: 'answerQuestion',
	},
	{
		displayName: 'Graph',
		name: 'graphSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Embedded: E-Commerce Support Demo',
				value: 'ecommerceDemo',
				description: 'Shipped bilingual graph: payment and shipping methods, returns, warranty, account, contact channels, a few products',
			},
			{
				name: 'Embedded: KdConv Travel Demo',
				value: 'kdconvTravelDemo',
				description: 'Shipped Chinese graph of 1,154 Beijing sights (KdConv, Apache-2.0): tickets, hours, address, phone, nearby sights',
			},
			{
				name: 'Embedded: Triples File',
				value: 'file',
				description: 'A JSON, CSV or TSV triples file on the n8n server, held in memory',
			},
			{
				name: 'Neo4j',
				value: 'neo4j',
				description: 'A Neo4j database (credential), in the schema Import Triples writes',
			},
		],
		default: 'ecommerceDemo',
	},
	{
		displayName: 'Graph File',
		name: 'graphFile',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/home/node/.n8n/kg/shop.json',
		description:
			'Path of the triples file on the n8n server: JSON (list of [subject, relation, object], or {triples, aliases, defaultEntity, intents}) or CSV/TSV with subject, relation, object columns. Import Triples writes here (JSON).',
		displayOptions: { show: { graphSource: ['file'] } },
	},
];

export const answerProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'text',
		type: 'string',
		default: '={{ $json.message }}',
		required: true,
		description: "The customer's message",
		displayOptions: show(['answerQuestion']),
	},
	{
		displayName: 'Intent',
		name: 'intent',
		type: 'string',
		default: '={{ $json.intent.label }}',
		description: 'Intent of the message, e.g. from Intent Classify; it chooses the relations to follow',
		displayOptions: show(['answerQuestion']),
	},
	{
		displayName: 'Intent → Relation Paths',
		name: 'intentPaths',
		placeholder: 'Add Mapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Which relations answer an intent. Rows replace the graph\'s own defaults for the intents they name; an intent with no row uses the graph\'s defaults, or the relation of the same name.',
		displayOptions: show(['answerQuestion']),
		options: [
			{
				displayName: 'Mapping',
				name: 'rows',
				values: [
					{
						displayName: 'Intent',
						name: 'intent',
						type: 'string',
						default: '',
						placeholder: 'change_payment_method',
					},
					{
						displayName: 'Relation Path',
						name: 'path',
						type: 'string',
						default: '',
						placeholder: 'payment_method > description',
						description:
							'1–2 relations separated by ">"; "^" before a relation follows it backwards (object → subject), e.g. "^周边景点"',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'answerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['answerQuestion']),
		options: [
			{
				displayName: 'Conversation History',
				name: 'history',
				type: 'string',
				default: '',
				placeholder: '={{ $json.history }}',
				description:
					'Earlier messages of the conversation, both sides, newest last: a list, or text with one message per line. Resolves "它" / "it" when the message names no entity.',
			},
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: '={{ $json.sessionId }}',
				description: 'Remember the entities of this conversation between executions, so the next message can say "它" / "it"',
			},
			{
				displayName: 'Known Entities',
				name: 'entities',
				type: 'string',
				default: '',
				placeholder: '={{ $json.product }}',
				description: 'Entities the message is about, already known (names or aliases; a list or comma-separated)',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: [
					{ name: 'Auto (From the Message)', value: 'auto' },
					{ name: 'All', value: 'all' },
					{ name: 'Chinese', value: 'zh' },
					{ name: 'English', value: 'en' },
				],
				default: 'auto',
				description: 'Which language-tagged values to return (untagged values are always returned)',
			},
			{
				displayName: 'Max Results per Path',
				name: 'maxResultsPerPath',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Most end points followed from each entity along each relation path',
			},
			{
				displayName: 'Memory (Minutes)',
				name: 'memoryMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How long a conversation\'s entities are remembered after its last message',
			},
			{
				displayName: 'Output Field',
				name: 'outputField',
				type: 'string',
				default: 'kg',
				description: 'Field of the item the result is written to',
			},
		],
	},
];

export const lookupProperties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entityName',
		type: 'string',
		default: '={{ $json.entity }}',
		required: true,
		description: 'Name or alias of the entity',
		displayOptions: show(['lookupEntity']),
	},
	{
		displayName: 'Options',
		name: 'lookupOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['lookupEntity']),
		options: [
			{
				displayName: 'Relations',
				name: 'relations',
				type: 'string',
				default: '',
				placeholder: '门票, 开放时间',
				description: 'Only these relations (comma-separated); empty for all',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Chinese', value: 'zh' },
					{ name: 'English', value: 'en' },
				],
				default: 'all',
				description: 'Which language-tagged values to return (untagged values are always returned)',
			},
			{
				displayName: 'Output Field',
				name: 'outputField',
				type: 'string',
				default: 'kg',
				description: 'Field of the item the result is written to',
			},
		],
	},
];

export const cypherProperties: INodeProperties[] = [
	{
		displayName: 'Cypher Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		placeholder: 'MATCH (e:Entity {name: $name})-[r:REL]->(v) RETURN r.relation AS relation, coalesce(v.name, v.value) AS value',
		description: 'Read-only Cypher; pass values as $parameters, never inside the query text. Writes are refused.',
		displayOptions: show(['runCypher']),
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'json',
		default: '{}',
		placeholder: '={{ { "name": $json.entity } }}',
		description: 'A JSON object of the $parameters the query uses',
		displayOptions: show(['runCypher']),
	},
	{
		displayName: 'Options',
		name: 'cypherOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['runCypher']),
		options: [
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'Neo4j stops the query after this long',
			},
		],
	},
];

export const importProperties: INodeProperties[] = [
	{
		displayName: 'Triples File',
		name: 'sourceFile',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/home/node/.n8n/kg/new-triples.csv',
		description: 'Path of the JSON, CSV or TSV triples file to load, on the n8n server',
		displayOptions: show(['importTriples']),
	},
	{
		displayName: 'Options',
		name: 'importOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['importTriples']),
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'Rows per Neo4j transaction',
			},
		],
	},
];
