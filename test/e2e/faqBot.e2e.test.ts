import { FIRST_CREATED_TICKET_ID, helpdeskAuthorization, recordedRequests } from './helpdeskStandIn';
import { N8nClient } from './n8nClient';

const n8n = N8nClient.fromEnvironment();
const KEY = { 'X-Support-Key': 'e2e-support-key' };

interface TicketCreation {
	ticket: { comment: { body: string } };
}

/** Every ticket the bot created in the Zendesk stand-in, oldest first (the stand-in numbers them from FIRST_CREATED_TICKET_ID). */
async function ticketCreations() {
	return (await recordedRequests('zendesk')).filter((request) => request.method === 'POST' && request.path === '/api/v2/tickets.json');
}

interface BotAnswer {
	answer: string;
	intent: string;
	sentiment: string;
	needsHuman: boolean;
	grounded?: boolean;
}

describe('template "Support chat / FAQ bot" in a real n8n', () => {
	it('answers a Chinese question from the demo graph', async () => {
		const response = await n8n.callWebhook('support-chat', { message: '如何更换支付方式？' }, KEY);
		expect(response.status).toBe(200);
		const answer = response.json as BotAnswer;
		expect(answer).toMatchObject({ intent: 'change_payment_method', needsHuman: false, grounded: true });
		expect(answer.answer).toMatch(/支付宝|微信支付/);
		const created = await ticketCreations();
		expect(created.filter((request) => (request.body as TicketCreation).ticket.comment.body === '如何更换支付方式？')).toEqual([]);
	});

	it('answers an English question from the demo graph', async () => {
		const response = await n8n.callWebhook('support-chat', { message: 'Which payment methods do you accept?' }, KEY);
		const answer = response.json as BotAnswer;
		expect(answer).toMatchObject({ intent: 'check_payment_methods', needsHuman: false, grounded: true });
		expect(answer.answer).toMatch(/Alipay|PayPal/);
	});

	it('hands an angry customer over to a person through a new Zendesk ticket', async () => {
		const message = '第三次找你们了！！！再不退款我就投诉到12315！';
		const response = await n8n.callWebhook('support-chat', { message, name: '王芳', email: 'wang.fang@example.com' }, KEY);
		expect(response.status).toBe(200);

		const created = await ticketCreations();
		const ours = created.filter((request) => (request.body as TicketCreation).ticket.comment.body === message);
		expect(ours).toHaveLength(1);
		expect(ours[0].headers.authorization).toBe(helpdeskAuthorization('zendesk'));
		expect(ours[0].body).toEqual({
			ticket: {
				subject: `Chat: ${message}`,
				comment: { body: message },
				priority: 'urgent',
				tags: ['support_ai_handover', 'intent__get_refund', 'sentiment__negative'],
				requester: { name: '王芳', email: 'wang.fang@example.com' },
			},
		});
		expect(response.json).toEqual({
			needsHuman: true,
			intent: 'get_refund',
			sentiment: 'negative',
			answer: '您的问题已转交人工客服，我们会尽快回复您。',
			ticketId: FIRST_CREATED_TICKET_ID + created.indexOf(ours[0]),
		});
	});

	it('answers an empty message with 400 and opens no ticket', async () => {
		const ticketsBefore = (await ticketCreations()).length;
		const response = await n8n.callWebhook('support-chat', { message: ' ' }, KEY);
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ error: expect.stringMatching(/message is missing or empty/) });
		expect(await ticketCreations()).toHaveLength(ticketsBefore);
	});

	it('rejects a request without the webhook key', async () => {
		const ticketsBefore = (await ticketCreations()).length;
		const response = await n8n.callWebhook('support-chat', { message: 'hello' });
		expect(response.status).toBe(403);
		expect(await ticketCreations()).toHaveLength(ticketsBefore);
	});
});
