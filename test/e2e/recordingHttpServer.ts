import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface RecordedRequest {
	method: string;
	/** Path with the query string. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
	/** The body parsed as JSON, when it is JSON. */
	json: unknown;
}

export interface StandInResponse {
	status: number;
	body: unknown;
}

/**
 * A stand-in for a SaaS API that cannot run here (Slack, Zendesk, …): an HTTP server on 127.0.0.1
 * that records every request it gets and answers each with what `respond` returns, as JSON.
 */
export class RecordingHttpServer {
	private constructor(
		private readonly server: Server,
		readonly url: string,
		/** Every request so far, oldest first. */
		readonly requests: readonly RecordedRequest[],
	) {}

	static async start(respond: (request: RecordedRequest) => StandInResponse): Promise<RecordingHttpServer> {
		const requests: RecordedRequest[] = [];
		const server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				let json: unknown = undefined;
				try {
					json = JSON.parse(body);
				} catch {
					// not JSON: tests read `body`
				}
				const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body, json };
				requests.push(recorded);
				const answer = respond(recorded);
				response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
				response.end(JSON.stringify(answer.body));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return new RecordingHttpServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests);
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
	}
}
