import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// onnxruntime-node, @node-rs/jieba, natural and neo4j-driver are what this package is: offline
			// models, Chinese segmentation and graph access cannot be reimplemented inside n8n's own
			// dependencies. That is why the package is not meant for n8n Cloud (self-hosted only).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// Test harnesses, dev scripts and benchmarks never ship (package.json "files") and never run inside
		// n8n: they must start n8n, npm, Neo4j and peer tools, which these node-runtime rules forbid.
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', '**/*.test.ts'],
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
];
