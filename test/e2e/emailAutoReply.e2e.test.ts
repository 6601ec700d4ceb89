/**
 * Template "Email auto-reply" in a real n8n against real mail servers (test/mail/start.sh: Dovecot
 * IMAP + Postfix SMTP): customer mail is submitted over SMTP to the support inbox the Email Trigger
 * watches, and what the workflow sends is read back over IMAP from the mailbox it was sent to.
 */
import { hasImapSession, mailTestServers, postfixQueueIsEmpty, readInbox, sendMail, type MailTestServers, type ReceivedMail } from '../mail/mailbox';
import { waitFor } from '../support/waitFor';
import { N8nClient } from './n8nClient';

const WORKFLOW_ID = 'supportAiMailReply1';
const SUPPORT = 'support@example.com';
const TEAM = 'support-team@example.com';
const CUSTOMER = 'customer@example.net';
/** Subjects unique to this run: the mailboxes may still hold an earlier run's mail. */
const RUN = `#${Date.now().toString(36)}`;
const MAIL = {
	automatic: { subject: `Out of office ${RUN}`, text: 'I am away until Monday. Which payment methods do you accept?' },
	chinese: { subject: `支付方式 ${RUN}`, text: '如何更换支付方式？' },
	english: { subject: `Payment methods ${RUN}`, text: 'Which payment methods do you accept?' },
	angry: { subject: `退款 ${RUN}`, text: '第三次找你们了！！！再不退款我就投诉到12315！' },
	/** A calm new question above the quoted thread of the angry mail (QQ Mail's layout): answered, as its new text asks. */
	calmReply: {
		subject: `回复：退款 ${RUN}`,
		text: [
			'收到，谢谢！另外请问如何更换支付方式？',
			'',
			'发自我的iPhone',
			'',
			'------------------ 原始邮件 ------------------',
			`发件人: "客服" <${SUPPORT}>;`,
			'发送时间: 2026年11月30日(星期一) 上午10:00',
			`收件人: <${CUSTOMER}>;`,
			`主题: 回复：退款 ${RUN}`,
			'',
			'您好，退款已经处理，3-5个工作日到账。',
			'',
			'> 第三次找你们了！！！再不退款我就投诉到12315！',
		].join('\r\n'),
	},
	/** An angry new complaint above our quoted answer (Gmail's layout): forwarded, with the whole mail below the new text. */
	angryReply: {
		subject: `Re: Payment ${RUN}`,
		text: [
			'This is the third time I write. Still no refund! I will report you to the consumer protection agency!!!',
			'',
			`On Mon, Nov 30, 2026 at 10:00 AM Support <${SUPPORT}> wrote:`,
			'> You can pay with Alipay, WeChat Pay, PayPal or a credit card.',
		].join('\r\n'),
	},
};
/** Generous: the first mail also waits for the models to load in n8n. */
const WAIT_MS = 150_000;
const TEST_TIMEOUT_MS = WAIT_MS + 30_000;

const servers = mailTestServers();
const n8n = servers === undefined ? undefined : N8nClient.fromEnvironment();

const poll = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, WAIT_MS, probe);

const inbox = (mail: MailTestServers, address: string) => readInbox(mail.imapPort, address, mail.password);

async function mailWithSubject(mail: MailTestServers, address: string, subject: string): Promise<ReceivedMail> {
	return await poll(`"${subject}" in ${address}`, async () => (await inbox(mail, address)).find((received) => received.subject === subject));
}

interface ExecutionSummary {
	id: string;
	status: string;
}

async function executions(): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const response = await n8n!.rest<{ data: { results: ExecutionSummary[] } }>(`/rest/executions?filter=${filter}&limit=100`);
	return response.data.results;
}

/**
 * Waits until every execution of the workflow has ended and Postfix has delivered all it accepted:
 * after that, a mail the workflow sent is in its mailbox, so a missing one was never sent.
 */
async function settled(mail: MailTestServers): Promise<ExecutionSummary[]> {
	return await poll('the workflow executions to end and the Postfix queue to empty', async () => {
		const all = await executions();
		const ended = all.every(({ status }) => !['new', 'running', 'waiting'].includes(status));
		return ended && postfixQueueIsEmpty(mail) ? all : undefined;
	});
}

(servers === undefined ? describe.skip : describe)('template "Email auto-reply" in a real n8n with real mail servers', () => {
	const mail = servers!;

	beforeAll(async () => {
		// n8n answers readiness before it activates workflows; the trigger fetches on new-mail events only.
		await poll('the Email Trigger to log in to the support mailbox', async () => hasImapSession(mail, SUPPORT) || undefined);
		// The automatic mail goes first: once a later mail is answered, its execution has begun.
		await sendMail(mail.smtpPort, { from: CUSTOMER, to: SUPPORT, ...MAIL.automatic, headers: { 'Auto-Submitted': 'auto-replied' } });
		for (const message of [MAIL.chinese, MAIL.english, MAIL.angry, MAIL.calmReply, MAIL.angryReply]) await sendMail(mail.smtpPort, { from: CUSTOMER, to: SUPPORT, ...message });
	}, TEST_TIMEOUT_MS);

	it(
		'answers a Chinese mail in Chinese from the demo graph, to the sender, with "Re:"',
		async () => {
			const reply = await mailWithSubject(mail, CUSTOMER, `Re: ${MAIL.chinese.subject}`);
			expect(reply.headers.from).toBe(SUPPORT);
			expect(reply.headers.to).toBe(CUSTOMER);
			expect(reply.text).toMatch(/支付宝|微信支付/);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'answers an English mail in English from the demo graph',
		async () => {
			const reply = await mailWithSubject(mail, CUSTOMER, `Re: ${MAIL.english.subject}`);
			expect(reply.text).toMatch(/Alipay|PayPal/);
			expect(reply.text).not.toMatch(/[\u4e00-\u9fff]/);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'forwards an angry customer to the team address instead of replying',
		async () => {
			const forwarded = await mailWithSubject(mail, TEAM, `[Needs a person] ${MAIL.angry.subject}`);
			expect(forwarded.headers['reply-to']).toBe(CUSTOMER);
			expect(forwarded.text).toContain(MAIL.angry.text);
			expect(forwarded.text).toMatch(/Why: escalated \(.*12315/);

			await settled(mail);
			const customerMail = await inbox(mail, CUSTOMER);
			expect(customerMail.map(({ subject }) => subject)).not.toContain(`Re: ${MAIL.angry.subject}`);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'answers a reply by its new text, not by the angry mail it quotes',
		async () => {
			const reply = await mailWithSubject(mail, CUSTOMER, `Re: ${MAIL.calmReply.subject}`);
			expect(reply.text).toMatch(/支付宝|微信支付/);

			await settled(mail);
			const teamMail = await inbox(mail, TEAM);
			expect(teamMail.map(({ subject }) => subject)).not.toContain(`[Needs a person] ${MAIL.calmReply.subject}`);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'forwards a new complaint above a quoted answer with its new text, then the whole mail',
		async () => {
			const forwarded = await mailWithSubject(mail, TEAM, `[Needs a person] ${MAIL.angryReply.subject}`);
			const text = forwarded.text.replace(/\r\n/g, '\n');
			const [newText] = MAIL.angryReply.text.split('\r\n');
			expect(text).toContain(`--- Customer's message (their new text: what the nodes read) ---\n${newText}\n\n--- The whole mail as received ---\n${newText}`);
			expect(text).toContain('> You can pay with Alipay, WeChat Pay, PayPal or a credit card.');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'leaves automatic mail (Auto-Submitted) unanswered and unforwarded, and every execution succeeded',
		async () => {
			await mailWithSubject(mail, CUSTOMER, `Re: ${MAIL.english.subject}`);
			const ran = await settled(mail);
			const sent = [...(await inbox(mail, CUSTOMER)), ...(await inbox(mail, TEAM))];
			expect(sent.filter(({ subject }) => subject.includes(MAIL.automatic.subject))).toEqual([]);
			expect(ran.map(({ status }) => status)).toEqual(ran.map(() => 'success'));
		},
		TEST_TIMEOUT_MS,
	);
});
