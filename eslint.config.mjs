import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// onnxruntime-node, @node-rs/jieba, natural and neo4j-driver are what this package is: offline
			// models, Chinese segmentation and graph access cannot be reimplemented inside n8n's own
			// dependencies. That is why the package is not meant for n8n Cloud (self-hosted only).
			'n8n-nodes-base/community-package-json-name-still-default': 'error',
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
