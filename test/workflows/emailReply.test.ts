import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { assertFixtureExpectations, loadWorkflowFixture, readBinary, runWorkflow, runWorkflowFixture, withoutSendingEmail, type WorkflowJson } from '../harness';

const FIXTURE = 'email-reply-continue-on-fail.workflow.json';

/** The fixture's workflow with the Email Reply node's parameters and settings changed. */
function withEmailReply(parameters: INodeParameters, nodeSettings: object = {}): WorkflowJson {
	const { workflow } = loadWorkflowFixture(FIXTURE);
	const node = workflow.nodes.find(({ name }) => name === 'Email Reply')!;
	Object.assign(node, nodeSettings);
	node.parameters = { ...node.parameters, ...parameters };
	return workflow;
}

describe('Email Reply', () => {
	it('gives each mail its new text, quote and signature; a forward has no new text; a bad Text fails its item alone under continue on fail', async () => {
		assertFixtureExpectations(await runWorkflowFixture(FIXTURE));
	});

	it('stops the run at an item whose Text is not text, naming it, without continue on fail', async () => {
		const run = await runWorkflow(withEmailReply({}, { onError: 'stopWorkflow' }), {
			input: [{ json: { text: 'fine' } }, { json: { text: ['a', 'list'] } }],
		});
		expect(run.status).toBe('error');
		expect(run.failedNode).toBe('Email Reply');
		expect(run.error?.message).toBe('Text must be a string, got an array');
		expect(run.error?.context?.itemIndex).toBe(1);
	});

	it('passes the mail\'s attachments (binary data) on', async () => {
		const input: INodeExecutionData[] = [
			{
				json: { text: 'Photo attached.\n\n> Please send a photo of the damage.' },
				binary: { attachment_0: { data: Buffer.from('not really a jpeg').toString('base64'), mimeType: 'image/jpeg', fileName: 'damage.jpg' } },
			},
		];
		const run = await runWorkflow(withEmailReply({}), { input });
		const [item] = run.outputs['Email Reply'][0];
		expect(item.json.reply).toEqual({ text: 'Photo attached.', quoted: '> Please send a photo of the damage.', signature: '' });
		expect(item.binary?.attachment_0).toMatchObject({ mimeType: 'image/jpeg', fileName: 'damage.jpg' });
		expect((await readBinary(item.binary!.attachment_0)).toString()).toBe('not really a jpeg');
	});

	it('writes into the field Field Name gives, and refuses a Field Name that is not text', async () => {
		const input = [{ json: { text: 'Refund please.\n-- \nLi' } }];
		const named = await runWorkflow(withEmailReply({ options: { fieldName: 'newText' } }), { input });
		expect(named.outputs['Email Reply'][0][0].json).toMatchObject({ newText: { text: 'Refund please.', signature: 'Li' } });
		expect(named.outputs['Email Reply'][0][0].json.reply).toBeUndefined();

		const refused = await runWorkflow(withEmailReply({ options: { fieldName: '={{ { name: "x" } }}' } }, { onError: 'stopWorkflow' }), { input });
		expect(refused.error?.message).toBe('Field Name must be text, got an object');
	});
});

describe('template "Email auto-reply": the customer\'s new text decides, not the quoted history', () => {
	const template = withoutSendingEmail(JSON.parse(readFileSync(join(__dirname, '../../workflows/support-email-auto-reply.json'), 'utf8')) as WorkflowJson);
	/** A mail as the Email Trigger (IMAP, resolved) gives it. */
	const mail = (subject: string, text: string): INodeExecutionData => ({
		json: { subject, text, from: { value: [{ address: 'customer@example.net', name: 'Li Wei' }] }, headers: {}, messageId: '<1@example.net>' },
	});

	it('answers a calm new question whose quoted first mail was angry, and hands over a new complaint below a calm quoted answer', async () => {
		const calmBelowAngry = mail(
			'回复：退款',
			[
				'收到，谢谢！另外请问如何更换支付方式？',
				'',
				'发自我的iPhone',
				'',
				'------------------ 原始邮件 ------------------',
				'发件人: "客服" <support@example.com>;',
				'发送时间: 2026年11月30日(星期一) 上午10:00',
				'收件人: "李伟" <customer@example.net>;',
				'主题: 回复：退款',
				'',
				'您好，退款已经处理，3-5个工作日到账。',
				'',
				'> 第三次找你们了！！！再不退款我就投诉到12315！',
			].join('\n'),
		);
		const complaint = 'This is the third time I write. Still no refund! I will report you to the consumer protection agency!!!';
		const angryAboveCalm = mail(
			'Re: Payment methods',
			[
				complaint,
				'',
				'On Mon, Nov 30, 2026 at 10:00 AM Support <support@example.com> wrote:',
				'> You can pay with Alipay, WeChat Pay, PayPal or a credit card.',
				'>',
				'>> Which payment methods do you accept?',
			].join('\n'),
		);
		const run = await runWorkflow(template, { input: [calmBelowAngry, angryAboveCalm] });
		expect(run.status).toBe('success');

		const [answered] = run.outputs['Reply to Customer'][0];
		expect(answered.json).toMatchObject({ subject: '回复：退款', message: '收到，谢谢！另外请问如何更换支付方式？' });
		expect(answered.json.answer).toMatchObject({ text: expect.stringMatching(/支付宝|微信支付/) });

		const [forwarded] = run.outputs['Forward to Team'][0];
		expect(forwarded.json).toMatchObject({ subject: 'Re: Payment methods', sentiment: { escalate: true } });
		expect(forwarded.json.message).toBe(complaint);
		expect(run.outputs['Forward to Team'][0]).toHaveLength(1);
		expect(run.outputs['Reply to Customer'][0]).toHaveLength(1);
	});

	it('reads the subject when the mail holds nothing new (a bare forward)', async () => {
		const forward = mail('Fwd: Which payment methods do you accept?', '---------- Forwarded message ---------\nFrom: Shop <shop@example.com>\nSubject: Your order\nDate: Mon, Nov 30, 2026\n\nYour order of 3 items shipped.');
		const run = await runWorkflow(template, { input: [forward] });
		const [item] = [...(run.outputs['Reply to Customer']?.[0] ?? []), ...(run.outputs['Forward to Team']?.[0] ?? [])];
		expect(item.json.message).toBe('Fwd: Which payment methods do you accept?');
	});
});
