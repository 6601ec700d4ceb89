// The shipped templates (workflows/*.json) run in-process on inputs a real caller sends by mistake, with
// the helpdesk stand-in of the end-to-end tests (Zendesk and Freshdesk are SaaS) recording every request.
// Code nodes need n8n's task runner, so the helpdesk templates' Triage and later nodes are covered by the
// end-to-end tests in a real n8n; what runs before them is checked here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HelpdeskStandIn, pointTemplateAtStandIns } from '../e2e/helpdeskStandIn';
import { fetchRecordedRequests } from '../e2e/recordingHttpServer';
import { runWorkflow, withoutSendingEmail, type TestCredentials, type WorkflowJson } from '../harness';

const CREDENTIALS: TestCredentials = {
	httpHeaderAuth: { name: 'X-Support-Key', value: 'template-test-key' },
	zendeskApi: { subdomain: 'example', email: 'agent@example.com', apiToken: 'template-test-token' },
	freshdeskApi: { apiKey: 'template-test-key', domain: 'example' },
};

let standIns: HelpdeskStandIn[];

beforeAll(async () => {
	standIns = [await HelpdeskStandIn.start('zendesk'), await HelpdeskStandIn.start('freshdesk')];
});

afterAll(async () => {
	await Promise.all(standIns.map(async (standIn) => await standIn.stop()));
});

/** A shipped template, its helpdesk addresses pointing at the stand-ins, sending no e-mail. */
function template(file: string): WorkflowJson {
	return withoutSendingEmail(
		pointTemplateAtStandIns(JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson & { nodes: [] }, standIns),
	);
}

/** Runs a template as its webhook (the first, or `startNode`) fires with this JSON body. */
async function post(file: string, body: unknown, startNode?: string) {
	return await runWorkflow(template(file), {
		mode: 'webhook',
		startNode,
		credentials: CREDENTIALS,
		input: [{ json: { headers: {}, params: {}, query: {}, body } as never }],
	});
}

describe('template "Support chat / FAQ bot"', () => {
	const zendeskRequests = async () => await fetchRecordedRequests(standIns[0].url);

	it.each([
		['an empty message', { message: '' }],
		['a blank message', { message: ' \n ' }],
		['no message field', { text: '如何更换支付方式？' }],
		['a message that is not text', { message: 12345 }],
		['a body that is not a JSON object', 'message=hello'],
	])('answers %s with 400 and opens no ticket', async (_case, body) => {
		const requestsBefore = (await zendeskRequests()).length;
		const run = await post('support-chat-faq-bot.json', body);
		expect(run.status).toBe('success');
		expect(run.webhookResponse).toMatchObject({ statusCode: 400, body: { error: expect.stringMatching(/message/) } });
		expect(run.executionOrder).not.toContain('Intent Classify');
		expect((await zendeskRequests()).slice(requestsBefore)).toEqual([]);
	});

	it('cuts a long message to a ticket subject of 60 characters, not in the middle of an emoji', async () => {
		const requestsBefore = (await zendeskRequests()).length;
		const message = `${'退款'.repeat(29)}x😡 我要投诉！！！你们再不处理我就报警`;
		const run = await post('support-chat-faq-bot.json', { message });
		expect(run.webhookResponse).toMatchObject({ statusCode: 200, body: { needsHuman: true, ticketId: expect.any(Number) } });
		const [creation] = (await zendeskRequests()).slice(requestsBefore);
		expect((creation.body as { ticket: { subject: string } }).ticket.subject).toBe(`Chat: ${'退款'.repeat(29)}x😡`);
	});

	it('still answers a question', async () => {
		const run = await post('support-chat-faq-bot.json', { message: '如何更换支付方式？' });
		expect(run.webhookResponse).toMatchObject({ statusCode: 200, body: { intent: 'change_payment_method', needsHuman: false, grounded: true } });
	});
});

const helpdeskBodiesWithoutTicketId: Array<[file: string, standIn: number, bodies: unknown[]]> = [
	['helpdesk-triage-zendesk.json', 0, [{ ticket: { subject: 'Refund', description: 'Where is my refund?' } }, { ticket: { id: null, subject: 'Refund' } }, {}, 'ticket=1']],
	[
		'helpdesk-triage-freshdesk.json',
		1,
		[{ freshdesk_webhook: { ticket_subject: 'Refund', ticket_description: '<div>Where is my refund?</div>', ticket_tags: '' } }, { freshdesk_webhook: { ticket_id: '' } }, {}, 'ticket=1'],
	],
];

describe.each(helpdeskBodiesWithoutTicketId)('template %s', (file, standIn, bodiesWithoutTicketId) => {
	it.each(bodiesWithoutTicketId.map((body) => [body]))('answers a webhook without a ticket id (%j) with 400 and calls the helpdesk not at all', async (body) => {
		const requestsBefore = (await fetchRecordedRequests(standIns[standIn].url)).length;
		const run = await post(file, body);
		expect(run.status).toBe('success');
		expect(run.webhookResponse).toMatchObject({ statusCode: 400, body: { error: expect.stringMatching(/no ticket id/) } });
		expect(run.executionOrder).not.toContain('Intent Classify');
		expect((await fetchRecordedRequests(standIns[standIn].url)).slice(requestsBefore)).toEqual([]);
	});
});

describe('template "Helpdesk triage — Freshdesk"', () => {
	const ticketCreated = (description: string) => ({
		freshdesk_webhook: { ticket_id: 2101, ticket_subject: 'Login', ticket_description: description, ticket_tags: '' },
	});

	it('reads the HTML description as text, numeric character references included (mail clients write them)', async () => {
		const run = await post(
			'helpdesk-triage-freshdesk.json',
			ticketCreated('<div>I can&#39;t log in &amp; &lt;b&gt; isn&#x2019;t bold</div><div>&#20320;&#x597D;&nbsp;&#38;#39;</div>'),
		);
		expect(run.outputs.Ticket[0][0].json.message).toBe("Login\nI can't log in & <b> isn’t bold\n你好 &#39;");
	});

	it('asks for up to 100 groups (Freshdesk answers 30 a page by default: a group further down was never routed to)', async () => {
		const requestsBefore = (await fetchRecordedRequests(standIns[1].url)).length;
		await post('helpdesk-triage-freshdesk.json', ticketCreated('<div>Where is my refund?</div>'));
		const lookups = (await fetchRecordedRequests(standIns[1].url)).slice(requestsBefore).filter((request) => request.path === '/api/v2/groups');
		expect(lookups.map(({ method, query }) => `${method} ${query}`)).toEqual(['GET ?per_page=100']);
	});
});

describe('template "Support feedback loop"', () => {
	it('answers a batch without corrections (an empty array) with 400 and records nothing', async () => {
		const run = await post('support-feedback-loop.json', [], 'Corrections');
		expect(run.status).toBe('success');
		expect(run.webhookResponse).toMatchObject({ statusCode: 400, body: { error: expect.stringMatching(/No corrections/) } });
		expect(run.executionOrder).not.toContain('Record Feedback');
	});
});
