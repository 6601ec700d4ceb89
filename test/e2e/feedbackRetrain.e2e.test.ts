import { join } from 'node:path';

import { openModelStore } from '../../core/store';
import { N8nClient } from './n8nClient';

const n8n = N8nClient.fromEnvironment();
const MODEL = 'e2e-tickets';
const CORRECTED = 'the parcel arrived completely smashed';

interface RetrainAnswer {
	intent: { label: string; isFallback: boolean; model: { name: string; version: string } };
	promoted: boolean;
	version: number;
}

beforeAll(async () => {
	// The team's ticket history, put into the n8n instance's model store (its default folder).
	const store = openModelStore(join(process.env.N8N_E2E_USER_FOLDER!, '.n8n', 'support-ai'));
	const shipping = ['where is my parcel', 'track my order', 'has my package shipped', 'when will my order arrive', '我的快递到哪了', '查一下物流', '包裹什么时候到', 'delivery status please'];
	const refund = ['I want a refund', 'give me my money back', 'refund my purchase', 'how do I get reimbursed', '我要退款', '把钱退给我', '申请退款', 'can I get my money back'];
	await store.createModel(
		MODEL,
		[...shipping.map((text) => ({ text, label: 'shipping' })), ...refund.map((text) => ({ text, label: 'refund' }))],
		{ source: 'e2e ticket history' },
	);
});

describe('Feedback & Retrain in a real n8n: corrections in, retrain, the next classification changes', () => {
	it('trains version 1, records a correction with a new label, and routes the message to it after the retrain', async () => {
		const first = await n8n.callWebhook('support-ai-e2e-retrain', { message: CORRECTED });
		expect(first.status).toBe(200);
		const before = first.json as RetrainAnswer;
		expect(before).toMatchObject({ promoted: true, version: 1, intent: { model: { name: MODEL, version: '1' } } });
		expect(['shipping', 'refund']).toContain(before.intent.label);

		const recorded = await n8n.callWebhook('support-ai-e2e-feedback', {
			text: CORRECTED,
			correctLabel: 'damaged_item',
			predictedLabel: before.intent.label,
			agent: 'e2e-agent',
		});
		expect(recorded.status).toBe(200);
		expect(recorded.json).toMatchObject({ recorded: expect.any(Number), newLabel: true });

		const second = await n8n.callWebhook('support-ai-e2e-retrain', { message: CORRECTED });
		expect(second.json).toMatchObject({
			promoted: true,
			version: 2,
			intent: { label: 'damaged_item', isFallback: false, model: { name: MODEL, version: '2' } },
		});
	});

	it('fails a correction without a label as an execution error, and keeps serving the next one', async () => {
		const failed = await n8n.callWebhook('support-ai-e2e-feedback', { text: CORRECTED, correctLabel: '' });
		// n8n answers a failed webhook execution with a generic 500; the message is in the execution log.
		expect(failed.status).toBe(500);
		const next = await n8n.callWebhook('support-ai-e2e-feedback', { text: 'where is my parcel', correctLabel: 'shipping' });
		expect(next.json).toMatchObject({ recorded: expect.any(Number), newLabel: false });
	});
});
