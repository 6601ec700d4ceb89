/** HTTP access to a running n8n: production webhooks and the owner's REST session. */
export const OWNER = {
	email: 'owner@support-ai.local',
	firstName: 'Support',
	lastName: 'Owner',
	password: 'SupportAi-2026!',
};

/**
 * Sent with every request to n8n: one connection per request. n8n closes idle keep-alive connections
 * after 5 s; a POST that goes out on one as it closes fails with ECONNRESET (fetch retries only GETs),
 * e.g. the first request of a test file after a long compile.
 */
export const NO_KEEP_ALIVE = { connection: 'close' };

export interface WebhookResponse {
	status: number;
	text: string;
	json: unknown;
}

export class N8nClient {
	private cookie: string | undefined;

	constructor(readonly baseUrl: string) {}

	/** The client for the n8n started by the e2e globalSetup. */
	static fromEnvironment(): N8nClient {
		const baseUrl = process.env.N8N_E2E_URL;
		if (baseUrl === undefined) throw new Error('N8N_E2E_URL is not set: run e2e tests with test/e2e/jest.config.js');
		return new N8nClient(baseUrl);
	}

	async setupOwner(): Promise<void> {
		const response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...NO_KEEP_ALIVE },
			body: JSON.stringify(OWNER),
		});
		if (response.ok) return;
		const text = await response.text();
		// A user folder kept from an earlier start (npm start) already has its owner.
		if (response.status === 400 && /already/i.test(text)) return;
		throw new Error(`owner setup failed: ${response.status} ${text}`);
	}

	/** POSTs JSON to a production webhook; `json` is the parsed body when it is JSON. */
	async callWebhook(path: string, body: unknown, headers: Record<string, string> = {}): Promise<WebhookResponse> {
		const response = await fetch(`${this.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...NO_KEEP_ALIVE, ...headers },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		let json: unknown = undefined;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON: callers read `text`
		}
		return { status: response.status, text, json };
	}

	/** GET on the REST API as the owner (logs in on first use). */
	async rest<T>(path: string): Promise<T> {
		return await this.restRequest<T>('GET', path);
	}

	/** A REST API call as the owner (logs in on first use), with a JSON body. */
	async restRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
		if (this.cookie === undefined) {
			const login = await fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...NO_KEEP_ALIVE },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
			if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
			this.cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
		}
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: { cookie: this.cookie, ...NO_KEEP_ALIVE, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}

	/** Where n8n is with publishing a workflow: `in_progress`, `not_published`, `published`, `partial` or `failed`. */
	async publicationStatus(id: string): Promise<{ status: string; triggers: Array<{ errorMessage: string | null }> }> {
		const { data } = await this.rest<{ data: { status: string; triggers: Array<{ errorMessage: string | null }> } }>(
			`/rest/workflows/${id}/publication-status`,
		);
		return data;
	}

	/** Node type names n8n loaded, as the editor receives them. */
	async nodeTypeNames(): Promise<string[]> {
		const types = await this.rest<Array<{ name: string }>>('/types/nodes.json');
		return types.map((type) => type.name);
	}
}
