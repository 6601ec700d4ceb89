import { e2eCredential, helpdeskAuthorization, recordedRequests, STAND_IN_GROUPS, type HelpdeskKind, type RecordedRequest } from './helpdeskStandIn';
import { N8nClient } from './n8nClient';

const n8n = N8nClient.fromEnvironment();
const webhookKey = e2eCredential('Helpdesk webhook key');
const KEY = { [webhookKey.name]: webhookKey.value };
const AUTHORIZATION: Record<HelpdeskKind, string> = { zendesk: helpdeskAuthorization('zendesk'), freshdesk: helpdeskAuthorization('freshdesk') };

const groupId = (name: string) => STAND_IN_GROUPS.find((group) => group.name === name)!.id;

/** The requests the stand-in got about one ticket (each test uses its own ticket id), oldest first. */
async function ticketRequests(kind: HelpdeskKind, ticketId: number): Promise<RecordedRequest[]> {
	return (await recordedRequests(kind)).filter((request) => request.path.startsWith(`/api/v2/tickets/${ticketId}`));
}

const groupLookups = async (kind: HelpdeskKind, path: string) =>
	(await recordedRequests(kind)).filter((request) => request.method === 'GET' && request.path === path);

/** The body a Zendesk trigger sends with the JSON the template's sticky note documents. */
const zendeskTicketCreated = (id: number, subject: string, description: string) => ({ ticket: { id, subject, description } });

/** The body of a Freshdesk "Trigger webhook" action with Simple JSON content (ticket id, subject, description, tags). */
const freshdeskTicketCreated = (id: number, subject: string, description: string, tags: string) => ({
	freshdesk_webhook: { ticket_id: id, ticket_subject: subject, ticket_description: description, ticket_tags: tags },
});

interface ZendeskUpdate {
	ticket: { additional_tags: string[]; priority: string; group_id?: number; comment: { body: string; public: boolean } };
}

describe('template "Helpdesk triage — Zendesk" against the Zendesk stand-in', () => {
	it('tags, routes and notes a Chinese ticket with the grounded answer', async () => {
		const lookupsBefore = (await groupLookups('zendesk', '/api/v2/groups.json')).length;
		const response = await n8n.callWebhook('helpdesk-triage-zendesk', zendeskTicketCreated(1001, '支付方式', '如何更换支付方式？'), KEY);
		expect(response.status).toBe(200);

		const lookups = await groupLookups('zendesk', '/api/v2/groups.json');
		expect(lookups).toHaveLength(lookupsBefore + 1);
		expect(lookups.at(-1)!.headers.authorization).toBe(AUTHORIZATION.zendesk);

		const requests = await ticketRequests('zendesk', 1001);
		expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual(['PUT /api/v2/tickets/1001.json']);
		expect(requests[0].headers.authorization).toBe(AUTHORIZATION.zendesk);
		const { ticket } = requests[0].body as ZendeskUpdate;
		expect(ticket).toEqual({
			additional_tags: ['intent__change_payment_method', 'sentiment__neutral'],
			priority: 'normal',
			group_id: groupId('Billing'),
			comment: { body: expect.any(String), public: false },
		});
		expect(ticket.comment.body).toMatch(/^Intent: change_payment_method \(\d+%\)$/m);
		expect(ticket.comment.body).toMatch(/^Suggested answer \(grounded on the knowledge graph\):\n.*支付宝.*微信支付/m);
		expect(response.json).toMatchObject({ ticketId: 1001, priority: 'normal', groupName: 'Billing', note: ticket.comment.body });
	});

	it('tags, routes and notes an English ticket', async () => {
		const response = await n8n.callWebhook(
			'helpdesk-triage-zendesk',
			zendeskTicketCreated(1002, 'Smartwatch warranty', 'How long is the warranty on the smartwatch?'),
			KEY,
		);
		expect(response.status).toBe(200);

		const [update, ...more] = await ticketRequests('zendesk', 1002);
		expect(more).toEqual([]);
		expect(update).toMatchObject({ method: 'PUT', path: '/api/v2/tickets/1002.json', headers: { authorization: AUTHORIZATION.zendesk } });
		const { ticket } = update.body as ZendeskUpdate;
		expect(ticket).toEqual({
			additional_tags: ['intent__warranty_repair', 'sentiment__neutral'],
			priority: 'normal',
			group_id: groupId('Products'),
			comment: { body: expect.stringMatching(/Suggested answer \(grounded on the knowledge graph\):\n.*2 years/), public: false },
		});
	});

	it('gives an angry, threatening customer priority urgent', async () => {
		const response = await n8n.callWebhook(
			'helpdesk-triage-zendesk',
			zendeskTicketCreated(1003, '退款', '第三次找你们了！！！再不退款我就投诉到12315！'),
			KEY,
		);
		expect(response.status).toBe(200);

		const [update] = await ticketRequests('zendesk', 1003);
		const { ticket } = update.body as ZendeskUpdate;
		expect(ticket.priority).toBe('urgent');
		expect(ticket.additional_tags).toContain('sentiment__negative');
		expect(ticket.comment.body).toMatch(/^Sentiment: negative \(score -\d\.\d\d, confidence \d+%\) - escalate: .*12315/m);
	});

	it('sends a ticket the classifier is unsure about to the default group, with an ungrounded note', async () => {
		const response = await n8n.callWebhook('helpdesk-triage-zendesk', zendeskTicketCreated(1005, '', 'qwxz vbnm plokij'), KEY);
		expect(response.status).toBe(200);

		const [update] = await ticketRequests('zendesk', 1005);
		const { ticket } = update.body as ZendeskUpdate;
		expect(ticket).toMatchObject({ additional_tags: ['intent__unclassified', 'sentiment__neutral'], group_id: groupId('Customer care') });
		expect(ticket.comment.body).toMatch(/^Suggested answer \(not grounded; needs a person: .+\):$/m);
	});

	it('triages a ticket with no text (an attachment only) as unclassified, to the default group', async () => {
		const response = await n8n.callWebhook('helpdesk-triage-zendesk', zendeskTicketCreated(1006, '', ''), KEY);
		expect(response.status).toBe(200);

		const [update, ...more] = await ticketRequests('zendesk', 1006);
		expect(more).toEqual([]);
		const { ticket } = update.body as ZendeskUpdate;
		expect(ticket).toMatchObject({ additional_tags: ['intent__unclassified', 'sentiment__neutral'], priority: 'normal', group_id: groupId('Customer care') });
		expect(ticket.comment.body).toMatch(/ - unsure: empty_text$/m);
	});

	it('answers a webhook body without the ticket id with 400 and calls Zendesk not at all', async () => {
		const requestsBefore = (await recordedRequests('zendesk')).length;
		const response = await n8n.callWebhook('helpdesk-triage-zendesk', { ticket: { subject: 'Refund', description: 'Where is my refund?' } }, KEY);
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ error: expect.stringMatching(/^The webhook body has no ticket id/) });
		expect(await recordedRequests('zendesk')).toHaveLength(requestsBefore);
	});

	it('refuses a webhook call without the key and touches no ticket', async () => {
		const response = await n8n.callWebhook('helpdesk-triage-zendesk', zendeskTicketCreated(1004, 'hello', 'hello'));
		expect(response.status).toBe(403);
		expect(await ticketRequests('zendesk', 1004)).toEqual([]);
	});
});

describe('template "Helpdesk triage — Freshdesk" against the Freshdesk stand-in', () => {
	it('updates a Chinese ticket, keeps its tags, and adds a private note with the grounded answer', async () => {
		const response = await n8n.callWebhook(
			'helpdesk-triage-freshdesk',
			freshdeskTicketCreated(2001, '支付方式', '<div>你们支持哪些付款方式？</div>', 'vip,web'),
			KEY,
		);
		expect(response.status).toBe(200);

		expect((await groupLookups('freshdesk', '/api/v2/groups')).at(-1)!.headers.authorization).toBe(AUTHORIZATION.freshdesk);
		const requests = await ticketRequests('freshdesk', 2001);
		expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual(['PUT /api/v2/tickets/2001', 'POST /api/v2/tickets/2001/notes']);
		expect(requests.every((request) => request.headers.authorization === AUTHORIZATION.freshdesk)).toBe(true);
		const [update, note] = requests;
		expect(update.body).toEqual({ tags: ['vip', 'web', 'intent__check_payment_methods', 'sentiment__neutral'], priority: 2, group_id: groupId('Billing') });
		expect(note.body).toEqual({ body: expect.any(String), private: true });
		const { body } = note.body as { body: string };
		expect(body).toMatch(/^Support AI triage<br>Intent: check_payment_methods \(\d+%\)<br>/);
		expect(body).toMatch(/Suggested answer \(grounded on the knowledge graph\):<br>.*支付宝/);
	});

	it('updates an English ticket', async () => {
		const response = await n8n.callWebhook(
			'helpdesk-triage-freshdesk',
			freshdeskTicketCreated(2002, 'Delivery', '<p>How long does delivery take?</p>', ''),
			KEY,
		);
		expect(response.status).toBe(200);

		const [update, note, ...more] = await ticketRequests('freshdesk', 2002);
		expect(more).toEqual([]);
		expect(update).toMatchObject({ method: 'PUT', path: '/api/v2/tickets/2002' });
		expect(update.body).toEqual({ tags: ['intent__delivery_period', 'sentiment__neutral'], priority: 2, group_id: groupId('Orders') });
		expect(note).toMatchObject({ method: 'POST', path: '/api/v2/tickets/2002/notes', body: { private: true } });
		expect((note.body as { body: string }).body).toMatch(/Suggested answer \(grounded on the knowledge graph\):<br>.*days/);
	});

	it('gives an angry customer priority 4 (urgent)', async () => {
		const response = await n8n.callWebhook(
			'helpdesk-triage-freshdesk',
			freshdeskTicketCreated(2003, 'REFUND NOW', 'Third time I am writing!!! Refund me now or I will file a chargeback and call my lawyer!', ''),
			KEY,
		);
		expect(response.status).toBe(200);

		const [update, note] = await ticketRequests('freshdesk', 2003);
		expect(update.body).toMatchObject({ priority: 4 });
		expect((note.body as { body: string }).body).toMatch(/<br>Sentiment: \w+ \(score -?\d\.\d\d, confidence \d+%\) - escalate: threat: chargeback/);
	});

	it('refuses a webhook call without the key and touches no ticket', async () => {
		const response = await n8n.callWebhook('helpdesk-triage-freshdesk', freshdeskTicketCreated(2004, 'hello', 'hello', ''), { [webhookKey.name]: 'not-the-key' });
		expect(response.status).toBe(403);
		expect(await ticketRequests('freshdesk', 2004)).toEqual([]);
	});
});
