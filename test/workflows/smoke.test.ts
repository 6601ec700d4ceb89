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

describe('workflow harness smoke (Support AI Echo)', () => {
	test('runs our node, loaded from dist/ as n8n-nodes-support-ai.supportAiEcho, in a chain of two', async () => {
		const run = await runWorkflowFixture('smoke-echo.workflow.json');
		assertFixtureExpectations(run);
		expect(run.status).toBe('success');
		expect(run.executionOrder).toEqual(['When clicking ‘Execute workflow’', 'Support AI Echo', 'Echo Again']);
	});

	test('can start at any node, which then gets the input items', async () => {
		const { workflow } = loadWorkflowFixture('smoke-echo.workflow.json');
		const run = await runWorkflow(workflow, { startNode: 'Echo Again', input: [{ json: { echo: 'hi' } }] });
		expect(run.executionOrder).toEqual(['Echo Again']);
		expect(run.outputs['Echo Again']).toEqual([[{ json: { echo: 'hi, twice' }, pairedItem: { item: 0 } }]]);
	});

	test('reports every difference from the expectations', async () => {
		const run = await runWorkflowFixture('smoke-echo.workflow.json', {
			input: [{ json: { message: 'bonjour' } }, { json: { message: '你好' } }],
		});
		expect(fixtureMismatches(run)).toEqual([
			'Support AI Echo › [0][0].json.message: expected "hello", got "bonjour"',
			'Support AI Echo › [0][0].json.echo: expected "hello (echoed)", got "bonjour (echoed)"',
			'Echo Again › [0][0].json.message: expected "hello", got "bonjour"',
			'Echo Again › [0][0].json.echo: expected "hello (echoed), twice", got "bonjour (echoed), twice"',
		]);
		expect(() => assertFixtureExpectations(run)).toThrow(/smoke-echo\.workflow\.json does not match/);
	});

	test('continue on fail turns the failing item into an error item that keeps its pairing', async () => {
		assertFixtureExpectations(await runWorkflowFixture('smoke-echo-continue-on-fail.workflow.json'));
	});

	test('without continue on fail the node error stops the run', async () => {
		const run = await runWorkflowFixture('smoke-echo-stops-on-error.workflow.json');
		assertFixtureExpectations(run);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Stamp must not be empty');
		expect(run.failedNode).toBe('Support AI Echo');
	});

	test('keeps binary data in memory and reads it back', async () => {
		const run = await runWorkflowFixture('smoke-binary.workflow.json');
		assertFixtureExpectations(run);
		const csv = await readBinary(run.outputs['Convert to File'][0][0].binary!.data);
		expect(csv.toString('utf8').trim().split('\n')).toEqual([
			'question,echo',
			'Where is my order?,ok',
			'我的订单在哪里？,ok',
		]);
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
