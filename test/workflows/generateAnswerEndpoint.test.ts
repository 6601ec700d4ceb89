import type { INodeParameters } from 'n8n-workflow';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { fixtureMismatches, loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../harness';

const FIXTURE = 'generate-endpoint.workflow.json';
const API_KEY = 'test-key';

interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: { model: string; messages: Array<{ role: string; content: string }>; [key: string]: unknown };
}

/** What the chat server answers to each customer message (the last user turn). */
const REPLIES: Record<string, string> = {
	'有哪些支付方式？': '您可以使用支付宝、微信支付、银联卡、信用卡、PayPal 或货到付款。',
	'Which delivery options do you have?':
		'We offer Standard delivery (free over ¥99), SF Express next day (¥18), Store pickup and International shipping.',
	'How much are the X1 earbuds?': 'The X1 earbuds are on sale for ¥399 and ship with DHL.',
};

/**
 * A chat-completions server on 127.0.0.1: OpenAI's response shape, Bearer-key checking under /v1 (no
 * key under /open/v1), `slow-model` answers after 3 s, `flaky-model` fails once with 503. It records
 * every request.
 */
class ChatServer {
	readonly requests: RecordedRequest[] = [];
	private readonly server: Server;
	private readonly failedOnce = new Set<string>();

	constructor() {
		this.server = createServer((request, response) => {
			let raw = '';
			request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			request.on('end', () => {
				const body = JSON.parse(raw || '{}') as RecordedRequest['body'];
				this.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
				const send = (status: number, payload: object) => {
					response.writeHead(status, { 'content-type': 'application/json' });
					response.end(JSON.stringify(payload));
				};
				if (!['/v1/chat/completions', '/open/v1/chat/completions'].includes(request.url ?? '')) {
					return send(404, { error: { message: `No route ${request.url}` } });
				}
				if (request.url?.startsWith('/v1/') && request.headers.authorization !== `Bearer ${API_KEY}`) {
					return send(401, { error: { message: 'Invalid API key', type: 'invalid_request_error' } });
				}
				const question = body.messages.at(-1)?.content ?? '';
				if (body.model === 'flaky-model' && !this.failedOnce.has(question)) {
					this.failedOnce.add(question);
					return send(503, { error: { message: 'model is loading' } });
				}
				const content = REPLIES[question] ?? 'Sorry, I do not know.';
				const completion = {
					id: `chatcmpl-${this.requests.length}`,
					object: 'chat.completion',
					created: 1_700_000_000,
					model: body.model,
					choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
					usage: { prompt_tokens: body.messages.map((m) => m.content).join('').length, completion_tokens: content.length, total_tokens: 0 },
				};
				if (body.model === 'slow-model') setTimeout(() => send(200, completion), 3_000).unref();
				else send(200, completion);
			});
		});
	}

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

let server: ChatServer;
let origin: string;

beforeAll(async () => {
	server = new ChatServer();
	origin = await server.start();
});
afterAll(() => server.stop());
beforeEach(() => {
	server.requests.length = 0;
});

/** The fixture's workflow with Generate Answer's model and options changed. */
function workflowWith(changes: { model?: string; options?: Record<string, unknown>; continueOnFail?: boolean } = {}): WorkflowJson {
	const { workflow } = loadWorkflowFixture(FIXTURE);
	const node = workflow.nodes.find((candidate) => candidate.name === 'Generate Answer')!;
	if (changes.model) node.parameters.model = changes.model;
	node.parameters.options = { ...(node.parameters.options as INodeParameters), ...(changes.options as INodeParameters) };
	if (changes.continueOnFail) node.onError = 'continueRegularOutput';
	return workflow;
}
const input = (...indexes: number[]) => indexes.map((index) => loadWorkflowFixture(FIXTURE).test.input![index]);
const credentials = (baseUrl: string, apiKey = API_KEY) => ({ openAiCompatibleApi: { baseUrl, apiKey } });

describe('Generate Answer: OpenAI-compatible endpoint', () => {
	test('asks the server with the facts, checks the replies against them, and does not ask without facts', async () => {
		const fixture = loadWorkflowFixture(FIXTURE);
		const run = await runWorkflow(fixture.workflow, { input: fixture.test.input, credentials: credentials(`${origin}/v1`) });
		expect(fixtureMismatches({ ...run, fixture })).toEqual([]);

		// Three items had facts; the fourth was answered by the template without a request.
		expect(server.requests.map((request) => request.body.messages.at(-1)?.content)).toEqual([
			'有哪些支付方式？',
			'Which delivery options do you have?',
			'How much are the X1 earbuds?',
		]);
		for (const request of server.requests) {
			expect(request).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
			expect(request.headers).toMatchObject({ authorization: 'Bearer test-key', 'content-type': expect.stringMatching(/^application\/json/) });
			expect(request.body).toMatchObject({ model: 'qwen2.5:0.5b', max_tokens: 256, temperature: 0, top_p: 1, seed: 42, stream: false });
			expect(request.body.messages.map((message) => message.role)).toEqual(['system', 'user']);
		}
		const [zh, en] = server.requests.map((request) => request.body.messages[0].content);
		expect(zh).toMatch(/^你是在线商店的客服助手。只根据下面列出的事实回答/);
		expect(zh).toContain('\n- 本店 | payment_method | 支付宝\n');
		expect(en).toMatch(/Answer in English/);
		expect(en).toContain('\n- Store | shipping_method | Standard delivery\n');
		expect(en).not.toMatch(/\p{Script=Han}/u);
	});

	test('no API key, no Authorization header; options reach the request', async () => {
		const workflow = workflowWith({ options: { temperature: 0.7, topP: 0.9, seed: 7, maxNewTokens: 64, stopSequences: 'Customer:, \\n\\n' } });
		const run = await runWorkflow(workflow, { input: input(0), credentials: credentials(`${origin}/open/v1/`, '') });
		expect(run.outputs['Generate Answer'][0][0].json.answer).toMatchObject({ mode: 'endpoint', grounded: true });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].headers.authorization).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({ temperature: 0.7, top_p: 0.9, seed: 7, max_tokens: 64, stop: ['Customer:', '\n\n'] });
	});

	test('a 503 is retried and the answer says how many attempts it took', async () => {
		const run = await runWorkflow(workflowWith({ model: 'flaky-model' }), { input: input(0), credentials: credentials(`${origin}/v1`) });
		expect(run.outputs['Generate Answer'][0][0].json.answer).toMatchObject({ mode: 'endpoint', timing: { attempts: 2 } });
		expect(server.requests).toHaveLength(2);
	});

	test('a slow endpoint fails clearly after the timeout, without retrying; continue-on-fail keeps the item', async () => {
		const started = performance.now();
		const run = await runWorkflow(workflowWith({ model: 'slow-model', options: { timeout: 1 } }), {
			input: input(0),
			credentials: credentials(`${origin}/v1`),
		});
		const seconds = (performance.now() - started) / 1000;
		expect(run.failedNode).toBe('Generate Answer');
		expect(run.error?.message).toBe(`The endpoint ${origin}/v1/chat/completions did not answer within 1 s (Timeout option)`);
		expect(seconds).toBeGreaterThanOrEqual(1);
		expect(seconds).toBeLessThan(2.5);
		expect(server.requests).toHaveLength(1);

		const continued = await runWorkflow(workflowWith({ model: 'slow-model', options: { timeout: 1 }, continueOnFail: true }), {
			input: input(0, 3),
			credentials: credentials(`${origin}/v1`),
		});
		const [failed, answered] = continued.outputs['Generate Answer'][0];
		expect(failed).toMatchObject({ json: { error: expect.stringMatching(/did not answer within 1 s/) }, pairedItem: { item: 0 } });
		expect(answered).toMatchObject({ json: { answer: { mode: 'template', needsHuman: true } }, pairedItem: { item: 1 } });
	});

	test('an endpoint that is down fails after its retries, naming the cause', async () => {
		const closed = new ChatServer();
		const closedOrigin = await closed.start();
		await closed.stop();
		const run = await runWorkflow(workflowWith({ options: { retries: 1 } }), { input: input(0), credentials: credentials(`${closedOrigin}/v1`) });
		expect(run.error?.message).toBe(`The endpoint ${closedOrigin}/v1/chat/completions failed after 2 attempt(s): The service refused the connection - perhaps it is offline`);
	});

	test('a wrong key or URL is refused at once, with a hint', async () => {
		const wrongKey = await runWorkflow(workflowWith(), { input: input(0), credentials: credentials(`${origin}/v1`, 'nope') });
		expect(wrongKey.error?.message).toBe(
			`The endpoint ${origin}/v1/chat/completions refused the request: HTTP 401: Invalid API key (check the API key of the credential)`,
		);
		const wrongPath = await runWorkflow(workflowWith(), { input: input(0), credentials: credentials(`${origin}/api`) });
		expect(wrongPath.error?.message).toBe(
			`The endpoint ${origin}/api/chat/completions refused the request: HTTP 404: No route /api/chat/completions (check the Base URL and the model name)`,
		);
		expect(server.requests).toHaveLength(2);
	});

	test('Retries or a Timeout an expression gives out of bounds fails its item before any request; numeric text is read', async () => {
		const bad: Array<[string, number | string, string]> = [
			['retries', Number.NaN, 'Retries must be a whole number from 0 to 10, got NaN'],
			['retries', 'abc', 'Retries must be a whole number from 0 to 10, got "abc"'],
			['retries', -1, 'Retries must be a whole number from 0 to 10, got -1'],
			['retries', 1.5, 'Retries must be a whole number from 0 to 10, got 1.5'],
			['timeout', Number.NaN, 'Timeout (Seconds) must be a number from 1 to 2147483, got NaN'],
			['timeout', -1, 'Timeout (Seconds) must be a number from 1 to 2147483, got -1'],
			// Past Node's longest timer (2^31 − 1 ms) the deadline fired at once.
			['timeout', 3_000_000, 'Timeout (Seconds) must be a number from 1 to 2147483, got 3000000'],
		];
		const options = { retries: '={{ $json.retries }}', timeout: '={{ $json.timeout }}' };
		const items = [...bad.map(([name, value]) => ({ json: { ...input(0)[0].json, [name]: value } })), { json: { ...input(0)[0].json, retries: '1', timeout: '30' } }];
		const stopped = await runWorkflow(workflowWith({ options }), { input: items, credentials: credentials(`${origin}/v1`) });
		expect(stopped.error?.message).toBe(bad[0][2]);
		expect(server.requests).toHaveLength(0);
		const continued = await runWorkflow(workflowWith({ options, continueOnFail: true }), { input: items, credentials: credentials(`${origin}/v1`) });
		const output = continued.outputs['Generate Answer'][0];
		expect(output.slice(0, bad.length).map(({ json }) => json.error)).toEqual(bad.map(([, , error]) => error));
		expect(output.map(({ pairedItem }) => pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[bad.length].json.answer).toMatchObject({ mode: 'endpoint', grounded: true });
		expect(server.requests).toHaveLength(1);
	});
});

describe('Generate Answer: an endpoint that never finishes its answer', () => {
	let trickle: Server;
	let trickleOrigin: string;
	beforeAll(async () => {
		// Headers at once, then a blank (valid leading JSON whitespace) every 200 ms, never the body.
		trickle = createServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			const timer = setInterval(() => response.write(' '), 200);
			response.on('close', () => clearInterval(timer));
		});
		await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
		trickleOrigin = `http://127.0.0.1:${(trickle.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		trickle.closeAllConnections();
		await new Promise<void>((resolve) => trickle.close(() => resolve()));
	});

	test('fails after the timeout instead of waiting for the end of the stream', async () => {
		const run = await runWorkflow(workflowWith({ options: { timeout: 1 } }), { input: input(0), credentials: credentials(`${trickleOrigin}/v1`) });
		expect(run.error?.message).toBe(`The endpoint ${trickleOrigin}/v1/chat/completions did not answer within 1 s (Timeout option)`);
	}, 15_000);
});
