import { assertFixtureExpectations, loadWorkflowFixture, runWorkflow, runWorkflowFixture } from '../harness';

describe('Generate Answer: templates', () => {
	test('answers KG Query facts in the customer language, with tone by sentiment, and says when it knows nothing', async () => {
		assertFixtureExpectations(await runWorkflowFixture('generate-template.workflow.json'));
	});

	test('KG Query and Generate Answer keep the items’ binary data (an e-mail’s attachments)', async () => {
		const attachment = { data: Buffer.from('photo').toString('base64'), mimeType: 'image/png', fileName: 'damage.png' };
		const { workflow, test: fixture } = loadWorkflowFixture('generate-template.workflow.json');
		const run = await runWorkflow(workflow, { input: fixture.input!.slice(0, 2).map((item) => ({ ...item, binary: { attachment } })) });
		for (const node of ['KG Query', 'Generate Answer']) {
			expect([node, run.outputs[node][0].map(({ binary }) => binary?.attachment?.fileName)]).toEqual([node, ['damage.png', 'damage.png']]);
		}
	});

	test('KG Query and Generate Answer refuse a Field Name that an expression made no text of, naming the item', async () => {
		const { workflow, test: fixture } = loadWorkflowFixture('generate-template.workflow.json');
		const input = fixture.input!.slice(0, 1);
		for (const [node, options] of [
			['KG Query', 'answerOptions'],
			['Generate Answer', 'options'],
		] as const) {
			const changed = structuredClone(workflow);
			const parameters = changed.nodes.find(({ name }) => name === node)!.parameters;
			parameters[options] = { ...(parameters[options] as object), outputField: '={{ ["kg"] }}' };
			const run = await runWorkflow(changed, { input });
			expect([node, run.failedNode, run.error?.message, run.error?.context?.itemIndex]).toEqual([
				node,
				node,
				'Field Name must be text, got an array',
				0,
			]);
		}
	});

	test('KG Query and Generate Answer refuse a message that an expression made no text of as the other nodes do, naming the item', async () => {
		const { workflow, test: fixture } = loadWorkflowFixture('generate-template.workflow.json');
		const input = fixture.input!.slice(0, 1);
		for (const [node, changes, message] of [
			['KG Query', { text: '={{ ["where", "is"] }}' }, 'Message must be a string, got an array'],
			['KG Query', { intent: '={{ { label: "refund" } }}' }, 'Intent must be a string, got an object'],
			['KG Query', { answerOptions: { history: '={{ 42 }}' } }, 'Conversation History must be a list or text, got a number'],
			['Generate Answer', { question: '={{ ["where", "is"] }}' }, 'Customer Message must be a string, got an array'],
		] as const) {
			const changed = structuredClone(workflow);
			const parameters = changed.nodes.find(({ name }) => name === node)!.parameters;
			Object.assign(parameters, changes);
			const run = await runWorkflow(changed, { input });
			expect([node, run.failedNode, run.error?.message, run.error?.context?.itemIndex]).toEqual([node, node, message, 0]);
		}
	});

	test("the user's templates over the travel graph: placeholders, item fields, hand-over, one sentence per entity", async () => {
		assertFixtureExpectations(await runWorkflowFixture('generate-template-travel.workflow.json'));
	});

	test('bad input gives clear errors per item under continue-on-fail; missing facts are answered', async () => {
		assertFixtureExpectations(await runWorkflowFixture('generate-bad-input.workflow.json'));
	});

	test('without continue-on-fail the first bad item stops the run, naming the item', async () => {
		const { workflow, test: fixture } = loadWorkflowFixture('generate-bad-input.workflow.json');
		const node = workflow.nodes.find((candidate) => candidate.name === 'Generate Answer')!;
		delete node.onError;
		const run = await runWorkflow(workflow, { input: fixture.input!.slice(1) });
		expect(run.failedNode).toBe('Generate Answer');
		expect(run.error?.message).toBe('"kg.facts[0]" must have text subject, relation and object, got {"subject":"故宫","relation":"门票"}');
		expect(run.error?.context?.itemIndex).toBe(0);
	});

	test('a template that does not parse is refused, naming its intent', async () => {
		const { workflow, test: fixture } = loadWorkflowFixture('generate-bad-input.workflow.json');
		const node = workflow.nodes.find((candidate) => candidate.name === 'Generate Answer')!;
		delete node.onError;
		node.parameters.templates = { template: [{ intent: '门票', language: 'any', text: '{{#answer}}unclosed' }] };
		const run = await runWorkflow(workflow, { input: fixture.input!.slice(3, 4) });
		expect(run.error?.message).toBe('Reply template for intent "门票": Template syntax error: Unclosed section "answer" at 19');
	});

	test('a template naming an unknown placeholder is refused, naming it and its intent', async () => {
		const { workflow, test: fixture } = loadWorkflowFixture('generate-bad-input.workflow.json');
		const node = workflow.nodes.find((candidate) => candidate.name === 'Generate Answer')!;
		delete node.onError;
		node.parameters.templates = { template: [{ intent: '门票', language: 'any', text: '门票：{{fact.门票}}' }] };
		const run = await runWorkflow(workflow, { input: fixture.input!.slice(3, 4) });
		expect(run.error?.message).toMatch(/^Reply template for intent "门票": Template uses the unknown placeholder "\{\{fact\.门票\}\}"/);
	});
});
