/**
 * Local stand-ins for the Zendesk and Freshdesk REST APIs (SaaS that cannot run here). Each is a
 * recording HTTP server on 127.0.0.1 (every request kept: method, path, headers, JSON body) that
 * answers the few endpoints the templates call the way the real API does. Tests read the record
 * over HTTP (`GET /__requests`), since jest's globalSetup and the test files run in different contexts.
 */
import { e2eCredential, fetchRecordedRequests, RecordingHttpServer, type RecordedRequest, type StandInResponse } from './recordingHttpServer';

export type HelpdeskKind = 'zendesk' | 'freshdesk';

export type { RecordedRequest } from './recordingHttpServer';

/** The groups both stand-ins have: the names the templates' routing tables use, plus one they don't. */
export const STAND_IN_GROUPS = [
	{ id: 360000000101, name: 'Billing' },
	{ id: 360000000102, name: 'Orders' },
	{ id: 360000000103, name: 'Accounts' },
	{ id: 360000000104, name: 'Products' },
	{ id: 360000000105, name: 'Customer care' },
	{ id: 360000000106, name: 'Partners' },
];

/** The id the stand-in gives the first ticket created through it; the next ones count up. */
export const FIRST_CREATED_TICKET_ID = 9001;

/** Where the e2e globalSetup tells the tests each stand-in listens. */
export const STAND_IN_URL_VARIABLES: Record<HelpdeskKind, string> = {
	zendesk: 'HELPDESK_ZENDESK_URL',
	freshdesk: 'HELPDESK_FRESHDESK_URL',
};

type Route = (request: RecordedRequest, match: RegExpMatchArray, earlier: readonly RecordedRequest[]) => StandInResponse;

const ROUTES: Record<HelpdeskKind, Array<{ method: string; path: RegExp; reply: Route }>> = {
	zendesk: [
		{
			method: 'GET',
			path: /^\/api\/v2\/groups\.json$/,
			reply: () => ({ status: 200, body: { groups: STAND_IN_GROUPS, next_page: null, previous_page: null, count: STAND_IN_GROUPS.length } }),
		},
		{
			method: 'PUT',
			path: /^\/api\/v2\/tickets\/(\d+)\.json$/,
			reply: (request, [, id]) => {
				const { ticket } = request.body as { ticket: { additional_tags?: string[]; priority?: string; group_id?: number } };
				return { status: 200, body: { ticket: { id: Number(id), tags: ticket.additional_tags ?? [], priority: ticket.priority, group_id: ticket.group_id ?? null } } };
			},
		},
		{
			method: 'POST',
			path: /^\/api\/v2\/tickets\.json$/,
			reply: (request, _match, earlier) => {
				const createdBefore = earlier.filter((other) => other.method === 'POST' && other.path === request.path).length;
				const { ticket } = request.body as { ticket: { subject?: string; priority?: string; tags?: string[] } };
				return { status: 201, body: { ticket: { id: FIRST_CREATED_TICKET_ID + createdBefore, subject: ticket.subject, priority: ticket.priority, tags: ticket.tags ?? [], status: 'new' } } };
			},
		},
	],
	freshdesk: [
		{
			method: 'GET',
			path: /^\/api\/v2\/groups$/,
			reply: () => ({ status: 200, body: STAND_IN_GROUPS }),
		},
		{
			method: 'PUT',
			path: /^\/api\/v2\/tickets\/(\d+)$/,
			reply: (request, [, id]) => {
				const ticket = request.body as { tags?: string[]; priority?: number; group_id?: number };
				return { status: 200, body: { id: Number(id), tags: ticket.tags ?? [], priority: ticket.priority, group_id: ticket.group_id ?? null } };
			},
		},
		{
			method: 'POST',
			path: /^\/api\/v2\/tickets\/(\d+)\/notes$/,
			reply: (request, [, id]) => {
				const note = request.body as { body: string; private: boolean };
				return { status: 201, body: { id: 1, ticket_id: Number(id), body: note.body, private: note.private, incoming: false } };
			},
		},
	],
};

/** Both APIs answer a request without credentials with 401, as the real ones do. */
const UNAUTHENTICATED: Record<HelpdeskKind, unknown> = {
	zendesk: { error: "Couldn't authenticate you" },
	freshdesk: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
};

export class HelpdeskStandIn {
	private constructor(
		readonly kind: HelpdeskKind,
		private readonly server: RecordingHttpServer,
	) {}

	get url(): string {
		return this.server.url;
	}

	static async start(kind: HelpdeskKind): Promise<HelpdeskStandIn> {
		return new HelpdeskStandIn(kind, await RecordingHttpServer.start((request, earlier) => answer(kind, request, earlier)));
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}
}

function answer(kind: HelpdeskKind, request: RecordedRequest, earlier: readonly RecordedRequest[]): StandInResponse {
	if (!/^Basic /.test(String(request.headers.authorization ?? ''))) return { status: 401, body: UNAUTHENTICATED[kind] };
	for (const route of ROUTES[kind]) {
		const match = route.method === request.method ? request.path.match(route.path) : null;
		if (match !== null) return route.reply(request, match, earlier);
	}
	return { status: 404, body: { error: 'RecordNotFound', description: `${request.method} ${request.path}` } };
}

export { e2eCredential } from './recordingHttpServer';

/** The Authorization header n8n's Zendesk API / Freshdesk API credential sends: basic auth `<email>/token` / `<API key>:X`. */
export function helpdeskAuthorization(kind: HelpdeskKind): string {
	const [user, password] =
		kind === 'zendesk'
			? [`${e2eCredential('Zendesk API').email}/token`, e2eCredential('Zendesk API').apiToken]
			: [e2eCredential('Freshdesk API').apiKey, 'X'];
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Every request a running stand-in has recorded, oldest first (for the test files). */
export async function recordedRequests(kind: HelpdeskKind): Promise<RecordedRequest[]> {
	const url = process.env[STAND_IN_URL_VARIABLES[kind]];
	if (url === undefined) throw new Error(`${STAND_IN_URL_VARIABLES[kind]} is not set: run e2e tests with test/e2e/jest.config.js`);
	return await fetchRecordedRequests(url);
}

/** The one value a template's user sets to reach their helpdesk: a field of its "Helpdesk Settings" node. */
export const HELPDESK_BASE_URL_FIELD = 'helpdeskBaseUrl';

interface TemplateJson {
	nodes: Array<{ parameters: { assignments?: { assignments?: Array<{ name: string; value: unknown }> } } }>;
}

/**
 * The template with its helpdesk base URL pointed at the stand-in of the same helpdesk, told apart by
 * the placeholder host (`….zendesk.com` / `….freshdesk.com`); templates without one come back unchanged.
 */
export function pointTemplateAtStandIns<T extends TemplateJson>(template: T, standIns: HelpdeskStandIn[]): T {
	const copy = structuredClone(template);
	for (const node of copy.nodes) {
		for (const field of node.parameters.assignments?.assignments ?? []) {
			if (field.name !== HELPDESK_BASE_URL_FIELD) continue;
			const standIn = standIns.find((candidate) => String(field.value).includes(`.${candidate.kind}.com`));
			if (standIn === undefined) throw new Error(`no stand-in for the helpdesk at ${String(field.value)}`);
			field.value = standIn.url;
		}
	}
	return copy;
}
