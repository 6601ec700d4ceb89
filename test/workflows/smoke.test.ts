import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	assertFixtureExpectations,
	fixtureMismatches,
	loadWorkflowFixture,
	readBinary,
	runWorkflow,
	runWorkflowFixture,
} from '../harness';

describe('workflow harness smoke (Email Reply, the package\'s node without a model)', () => {
	test('runs our node, loaded from dist/ as n8n-nodes-support-ai.emailReply, in a chain of two', async () => {
		const run = await runWorkflowFixture('smoke-chain.workflow.json');
		assertFixtureExpectations(run);
		expect(run.status).toBe('success');
		expect(run.executionOrder).toEqual(['When clicking ‘Execute workflow’', 'Email Reply', 'Split Again']);
	});

	test('can start at any node, which then gets the input items', async () => {
		const { workflow } = loadWorkflowFixture('smoke-chain.workflow.json');
		const run = await runWorkflow(workflow, { startNode: 'Split Again', input: [{ json: { reply: { text: 'hi' } } }] });
		expect(run.executionOrder).toEqual(['Split Again']);
		expect(run.outputs['Split Again']).toEqual([
			[{ json: { reply: { text: 'hi' }, again: { text: 'hi', quoted: '', signature: '' } }, pairedItem: { item: 0 } }],
		]);
	});

	test('reports every difference from the expectations', async () => {
		const run = await runWorkflowFixture('smoke-chain.workflow.json', {
			input: [
				{ json: { text: 'Where is my parcel?\n\nSent from my iPhone' } },
				{ json: { text: '我的订单在哪里？\n\n在 2026年11月30日 10:00，客服 写道：\n> 已发货。' } },
			],
		});
		expect(fixtureMismatches(run)).toEqual([
			'Email Reply › [0][0].json.text: expected "Where is my order?\\n\\nSent from my iPhone", got "Where is my parcel?\\n\\nSent from my iPhone"',
			'Email Reply › [0][0].json.reply.text: expected "Where is my order?", got "Where is my parcel?"',
			'Split Again › [0][0].json.text: expected "Where is my order?\\n\\nSent from my iPhone", got "Where is my parcel?\\n\\nSent from my iPhone"',
			'Split Again › [0][0].json.reply.text: expected "Where is my order?", got "Where is my parcel?"',
			'Split Again › [0][0].json.again.text: expected "Where is my order?", got "Where is my parcel?"',
		]);
		expect(() => assertFixtureExpectations(run)).toThrow(/smoke-chain\.workflow\.json does not match/);
	});

	test('continue on fail turns the failing item into an error item that keeps its pairing', async () => {
		assertFixtureExpectations(await runWorkflowFixture('smoke-continue-on-fail.workflow.json'));
	});

	test('without continue on fail the node error stops the run', async () => {
		const run = await runWorkflowFixture('smoke-stops-on-error.workflow.json');
		assertFixtureExpectations(run);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Text must be a string, got an object');
		expect(run.failedNode).toBe('Email Reply');
	});

	test('keeps binary data in memory and reads it back', async () => {
		const run = await runWorkflowFixture('smoke-binary.workflow.json');
		assertFixtureExpectations(run);
		const csv = await readBinary(run.outputs['Convert to File'][0][0].binary!.data);
		// The reply object becomes one column per field; the mails' line breaks stay inside their quoted cells.
		expect(csv.toString('utf8').trim()).toBe(
			[
				'text,reply.text,reply.quoted,reply.signature',
				'"Where is my order?\n-- \nLi Wei",Where is my order?,,Li Wei',
				'"我的订单在哪里？\n\n发自我的iPhone",我的订单在哪里？,,发自我的iPhone',
			].join('\n'),
		);
	});

	test('a webhook workflow returns what Respond to Webhook sends', async () => {
		assertFixtureExpectations(await runWorkflowFixture('smoke-webhook.workflow.json'));
	});

	describe('credentials given by the test', () => {
		let server: Server;
		let url: string;
		const received: IncomingHttpHeaders[] = [];

		beforeAll(async () => {
			server = createServer((request, response) => {
				received.push(request.headers);
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify({ authorization: request.headers.authorization ?? null }));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/whoami`;
		});

		afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

		test('authenticate a real HTTP request through the credential type generic auth rule', async () => {
			const run = await runWorkflowFixture('smoke-http-credentials.workflow.json', {
				input: [{ json: { url } }],
				credentials: { httpHeaderAuth: { name: 'Authorization', value: 'Bearer harness-token' } },
			});
			assertFixtureExpectations(run);
			expect(received.at(-1)?.authorization).toBe('Bearer harness-token');
		});

		test('missing credentials fail the node with a message naming the credential type', async () => {
			const { workflow } = loadWorkflowFixture('smoke-http-credentials.workflow.json');
			const run = await runWorkflow(workflow, { input: [{ json: { url } }] });
			expect(run.failedNode).toBe('HTTP Request');
			expect(run.error?.message).toMatch(/No credentials of type "httpHeaderAuth"/);
		});
	});
});
