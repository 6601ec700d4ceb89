import { mailTestServers, postfixQueueIsEmpty, readInboxMessages, type ReceivedMessage } from '../mail/mailbox';
import { waitFor } from '../support/waitFor';
import { N8nClient } from './n8nClient';
import { e2eCredential, RecordingHttpServer, type RecordedRequest } from './recordingHttpServer';

const n8n = N8nClient.fromEnvironment();
const TEMPLATE_ID = 'supportAiFeedbk01';

const headerOf = ({ name, value }: Record<string, string>) => ({ [name]: value });
const FEEDBACK_KEY = headerOf(e2eCredential('Support feedback webhook key'));
const CHAT_KEY = headerOf(e2eCredential('Support chat webhook key'));
const SLACK_TOKEN = e2eCredential('Slack bot (support-ai)').accessToken;
/** The template's team address: a mailbox of the test mail servers (test/mail/start.sh). */
const TEAM = 'support-team@example.com';
/** Generous: Postfix delivers after n8n's Send Email returns, on a loaded machine. */
const MAIL_WAIT_MS = 60_000;
/** The test mail servers; without them (skipped with a note, an error under CI) the email notification is deleted. */
const mail = mailTestServers();

/** Messages the built-in model gives a known intent that are really about loyalty points, a label it lacks. */
const EN_MESSAGE = 'can I pay with my reward points';
const ZH_MESSAGE = '会员积分什么时候过期';
const MORE_POINTS_MESSAGES = ['how many loyalty points do I have', '我的积分有多少', '积分怎么兑换', 'do my membership points expire'];

interface WorkflowNode {
	name: string;
	parameters: { assignments?: { assignments: Array<{ name: string; value: unknown }> } };
}
interface Workflow {
	versionId: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}
interface Intent {
	label: string;
	isFallback: boolean;
	model: { name: string; version: string };
}
interface Recorded {
	model: string;
	recorded: Array<{ id: number; text: string; correct: string; predicted: string | null; newLabel: boolean }>;
	refused: Array<{ text: string | null; error: string }>;
}
interface SlackMessage {
	channel: string;
	text: string;
	blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ text: string }> }>;
}

let slack: RecordingHttpServer;

/** What Slack's chat.postMessage answers: ok for the bot token, invalid_auth otherwise (with HTTP 200, as Slack does). */
function slackApi(request: RecordedRequest) {
	if (request.path !== '/api/chat.postMessage') return { status: 404, body: { ok: false, error: 'unknown_method' } };
	if (request.headers.authorization !== `Bearer ${SLACK_TOKEN}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
	return { status: 200, body: { ok: true, channel: 'C0SUPPORTAI', ts: `1700000000.${String(slack.requests.length).padStart(6, '0')}` } };
}

/**
 * The setup steps a user does in the editor: the template's Slack URL set to the stand-in, the email
 * notification deleted when there is no mail server, then published.
 */
async function setUpNotifications(slackUrl: string, withEmail: boolean): Promise<void> {
	const { data: workflow } = await n8n.rest<{ data: Workflow }>(`/rest/workflows/${TEMPLATE_ID}`);
	const settings = workflow.nodes.find((node) => node.name === 'Notification Settings');
	const field = settings?.parameters.assignments?.assignments.find((assignment) => assignment.name === 'slackApiUrl');
	if (field === undefined) throw new Error('the template has no Notification Settings → slackApiUrl');
	field.value = slackUrl;
	if (!withEmail) {
		workflow.nodes = workflow.nodes.filter((node) => node.name !== 'Email Team');
		const fromFormatReport = workflow.connections['Format Report'].main[0];
		workflow.connections['Format Report'].main[0] = fromFormatReport.filter((connection) => connection.node !== 'Email Team');
	}
	const { data: updated } = await n8n.restRequest<{ data: Workflow }>('PATCH', `/rest/workflows/${TEMPLATE_ID}`, {
		nodes: workflow.nodes,
		connections: workflow.connections,
		versionId: workflow.versionId,
	});
	await n8n.restRequest('POST', `/rest/workflows/${TEMPLATE_ID}/activate`, { versionId: updated.versionId });
}

const faqBotIntent = async (message: string) =>
	((await n8n.callWebhook('support-chat', { message }, CHAT_KEY)).json as { intent: string }).intent;
const trainedModelIntent = async (message: string) =>
	(await n8n.callWebhook('support-ai-e2e-classify-trained', { message })).json as Intent;
const teamMail = async () => await readInboxMessages(mail!.imapPort, TEAM, mail!.password);

beforeAll(async () => {
	slack = await RecordingHttpServer.start(slackApi);
	await setUpNotifications(`${slack.url}/api/chat.postMessage`, mail !== undefined);
});
afterAll(async () => await slack?.stop());

describe('template "Support feedback loop" in a real n8n', () => {
	it('refuses corrections and retrain requests without the key, and notifies nobody', async () => {
		expect((await n8n.callWebhook('support-feedback', { text: EN_MESSAGE, correct: 'loyalty_points' })).status).toBe(403);
		const wrongKey = Object.fromEntries(Object.keys(FEEDBACK_KEY).map((header) => [header, 'not-the-key']));
		expect((await n8n.callWebhook('support-feedback/retrain', {}, wrongKey)).status).toBe(403);
		expect(slack.requests).toEqual([]);
	});

	it('takes corrections of the built-in model, retrains on "retrain now", reports to Slack and by email with the picture, and the next classification changes', async () => {
		const before = { en: await faqBotIntent(EN_MESSAGE), zh: await faqBotIntent(ZH_MESSAGE) };
		expect(before).toEqual({ en: 'change_payment_method', zh: 'price_discount' });

		// A batch from a helpdesk macro, then one correction on its own.
		const batch = [EN_MESSAGE, ...MORE_POINTS_MESSAGES].map((text) => ({
			text,
			correct: 'loyalty_points',
			predicted: text === EN_MESSAGE ? before.en : undefined,
			agent: 'e2e-agent',
			channel: 'helpdesk macro',
		}));
		const recorded = await n8n.callWebhook('support-feedback', batch, FEEDBACK_KEY);
		expect(recorded.status).toBe(200);
		const batchAnswer = recorded.json as Recorded;
		expect(batchAnswer).toMatchObject({ model: 'support-zh-en', refused: [] });
		expect(batchAnswer.recorded.map(({ text, correct, newLabel }) => ({ text, correct, newLabel }))).toEqual(
			batch.map(({ text }) => ({ text, correct: 'loyalty_points', newLabel: true })),
		);
		expect(batchAnswer.recorded[0].predicted).toBe('change_payment_method');
		const single = await n8n.callWebhook('support-feedback', { text: ZH_MESSAGE, correct: 'loyalty_points', predicted: before.zh }, FEEDBACK_KEY);
		expect(single.json).toMatchObject({ recorded: [{ text: ZH_MESSAGE, correct: 'loyalty_points', predicted: 'price_discount', newLabel: true }] });

		// Seeded from the built-in model: until the retrain the store model answers as the built-in one does.
		expect(await trainedModelIntent(EN_MESSAGE)).toMatchObject({ label: before.en, model: { name: 'support-zh-en', version: '1' } });
		expect(slack.requests).toEqual([]);
		// The mailboxes may hold an earlier run's mail: only what arrives after this count is this run's.
		const earlierMail = mail === undefined ? 0 : (await teamMail()).length;

		const started = performance.now();
		const retrained = await n8n.callWebhook('support-feedback/retrain', {}, FEEDBACK_KEY);
		const retrainSeconds = (performance.now() - started) / 1000;
		expect(retrained.status).toBe(200);
		const report = retrained.json as {
			promoted: boolean;
			candidateVersion: number;
			previousVersion: number;
			newLabels: string[];
			candidate: { metrics: { accuracy: number; macroF1: number; n: number } };
			current: { version: number; metrics: { accuracy: number } };
			data: { correctedTexts: number; heldOutExamples: number };
			seconds: { training: number };
			confusionMatrixSvg: string;
		};
		expect(report).toMatchObject({
			promoted: true,
			candidateVersion: 2,
			previousVersion: 1,
			newLabels: ['loyalty_points'],
			current: { version: 1 },
			data: { correctedTexts: 6, heldOutExamples: 1362 },
		});
		expect(report.candidate.metrics.n).toBe(1362);
		expect(report.confusionMatrixSvg).toMatch(/^<svg[\s\S]*support-zh-en version 2: promoted[\s\S]*<\/svg>\s*$/);
		process.stderr.write(`feedback loop e2e: "retrain now" answered in ${retrainSeconds.toFixed(1)} s (training ${report.seconds.training} s)\n`);

		// Exactly one Slack message, with the bot token of the credential, saying what happened.
		expect(slack.requests).toHaveLength(1);
		const [request] = slack.requests;
		expect(request).toMatchObject({ method: 'POST', path: '/api/chat.postMessage', headers: { authorization: `Bearer ${SLACK_TOKEN}` } });
		const message = request.body as SlackMessage;
		const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
		expect(message.channel).toBe('#support-ai');
		expect(message.text).toMatch(/^support-zh-en v2: promoted, held-out accuracy /);
		expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'support-zh-en v2: promoted' } });
		const fields = message.blocks[2].fields!.map((field) => field.text);
		expect(fields).toEqual([
			`*Held-out accuracy*\n${percent(report.candidate.metrics.accuracy)} (v1: ${percent(report.current.metrics.accuracy)})`,
			expect.stringMatching(/^\*Macro-F1\*\n\d+\.\d % \(v1: \d+\.\d %\)$/),
			'*Serving*\nversion 2',
			expect.stringMatching(/^\*Data\*\n\d+ examples, 6 corrected texts, 1362 held out$/),
			'*New labels*\nloyalty_points',
			expect.stringMatching(/^\*Largest F1 changes\*\n/),
		]);
		expect(message.blocks[3].elements![0].text).toMatch(/^Confusion matrix \(SVG\) and metrics JSON: n8n execution \d+, node Retrain\./);

		// One mail to the team with the same facts, the confusion-matrix picture and the metrics attached.
		if (mail !== undefined) {
			const isReport = ({ subject }: ReceivedMessage) => subject === 'support-zh-en v2: promoted';
			const received = await waitFor(`the report mail in ${TEAM}`, MAIL_WAIT_MS, async () => (await teamMail()).slice(earlierMail).find(isReport));
			expect(received.headers.from).toBe('support@example.com');
			expect(received.headers.to).toBe(TEAM);
			const partOfType = (type: string) => received.parts.find((part) => part.headers['content-type']?.startsWith(type));
			const text = partOfType('text/plain')!.content.toString('utf8');
			for (const field of fields) expect(text).toContain(field.replace(/^\*(.+)\*\n/, '$1: '));
			expect(text).toMatch(/Attached: the confusion matrix \(SVG\) and the metrics JSON\. n8n execution \d+, node Retrain\./);
			const picture = partOfType('image/svg+xml');
			expect(picture?.headers['content-disposition']).toMatch(/^attachment; filename="?support-zh-en-v2-confusion-matrix\.svg/);
			expect(picture!.content.toString('utf8')).toBe(report.confusionMatrixSvg);
			expect(picture!.content.toString('utf8')).toMatch(/^<svg/);
			expect(JSON.parse(partOfType('application/json')!.content.toString('utf8'))).toMatchObject({ promoted: true, candidateVersion: 2 });
			// Send Email ended before the answer came: once Postfix's queue is empty, all it sent is delivered.
			await waitFor('the Postfix queue to empty', MAIL_WAIT_MS, async () => postfixQueueIsEmpty(mail) || undefined);
			expect((await teamMail()).slice(earlierMail).filter(isReport)).toHaveLength(1);
		}

		// The corrected messages now get the new label from the store model; the built-in model is unchanged.
		for (const text of [EN_MESSAGE, ZH_MESSAGE]) {
			expect(await trainedModelIntent(text)).toMatchObject({ label: 'loyalty_points', isFallback: false, model: { version: '2' } });
		}
		expect({ en: await faqBotIntent(EN_MESSAGE), zh: await faqBotIntent(ZH_MESSAGE) }).toEqual(before);
	});

	it('stores the valid corrections of a batch and answers 422 naming the refused ones', async () => {
		const response = await n8n.callWebhook(
			'support-feedback',
			[
				{ text: 'where can I see my points balance', correct: 'loyalty_points' },
				{ text: 'my parcel never came', correct: '' },
			],
			FEEDBACK_KEY,
		);
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			model: 'support-zh-en',
			recorded: [{ id: expect.any(Number), text: 'where can I see my points balance', correct: 'loyalty_points', predicted: null, newLabel: false }],
			refused: [{ text: 'my parcel never came', error: 'Feedback correct label is empty: say which label the text should have' }],
		});
	});
});
