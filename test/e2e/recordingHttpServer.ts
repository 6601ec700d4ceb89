import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';

/** One request as the server received it. */
export interface RecordedRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	/** The query string ('?per_page=100'); '' when none. */
	query: string;
	headers: IncomingHttpHeaders;
	/** The body parsed as JSON; its text when it is not JSON; undefined when empty. */
	body: unknown;
}

export interface StandInResponse {
	status: number;
	body: unknown;
}

/** Answers a request; `earlier` holds the requests recorded before it, oldest first. */
export type Responder = (request: RecordedRequest, earlier: readonly RecordedRequest[]) => StandInResponse;

/** Where the record is served, for test files when the server runs in jest's globalSetup (another context). */
const RECORD_PATH = '/__requests';

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * A stand-in for a SaaS API that cannot run here (Slack, Zendesk, Freshdesk): an HTTP server on
 * 127.0.0.1 that records every request it gets and answers each with what the responder returns, as JSON.
 */
export class RecordingHttpServer {
	/** Every request so far, oldest first. */
	readonly requests: RecordedRequest[] = [];

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(respond: Responder): Promise<RecordingHttpServer> {
		const server = createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const address = server.address();
		if (address === null || typeof address === 'string') throw new Error('the stand-in server has no port');
		const standIn = new RecordingHttpServer(server, `http://127.0.0.1:${address.port}`);
		server.on('request', (request: IncomingMessage, response) => {
			void (async () => {
				const { pathname: path, search: query } = new URL(request.url ?? '/', standIn.url);
				let answer: StandInResponse;
				if (request.method === 'GET' && path === RECORD_PATH) {
					answer = { status: 200, body: standIn.requests };
				} else {
					const recorded = { method: request.method ?? '', path, query, headers: request.headers, body: await readBody(request) };
					const earlier = [...standIn.requests];
					standIn.requests.push(recorded);
					answer = respond(recorded, earlier);
				}
				response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
				response.end(JSON.stringify(answer.body));
			})();
		});
		return standIn;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		this.server.close();
		await once(this.server, 'close');
	}
}

/** What a stand-in started elsewhere (jest's globalSetup) has recorded, oldest first. */
export async function fetchRecordedRequests(url: string): Promise<RecordedRequest[]> {
	const response = await fetch(`${url}${RECORD_PATH}`);
	return (await response.json()) as RecordedRequest[];
}

/** The test secrets of a credential the templates reference by name (test/e2e/credentials.e2e.json). */
export function e2eCredential(name: string): Record<string, string> {
	const credentials = JSON.parse(readFileSync(join(__dirname, 'credentials.e2e.json'), 'utf8')) as Array<{ name: string; data: Record<string, string> }>;
	const credential = credentials.find((candidate) => candidate.name === name);
	if (credential === undefined) throw new Error(`no credential named "${name}" in credentials.e2e.json`);
	return credential.data;
}
