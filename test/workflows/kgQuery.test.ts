import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { assertFixtureExpectations, loadWorkflowFixture, runWorkflow, runWorkflowFixture } from '../harness';

/** KG Query on the embedded backend: every operation, through n8n's WorkflowExecute. */
describe('KG Query (embedded graph)', () => {
	test('answers customer-service questions from the e-commerce demo graph, zh and en', async () => {
		const run = await runWorkflowFixture('kg-answer-ecommerce.workflow.json');
		assertFixtureExpectations(run);
		const [zh, en] = run.outputs['KG Query'][0].map((item) => item.json.kg as { facts: { object: string; language?: string }[] });
		expect(zh.facts.map((fact) => fact.object)).toEqual(
			expect.arrayContaining(['支付宝 (Alipay)', '微信支付 (WeChat Pay)', '银联卡 (UnionPay card)', '信用卡 (Credit card)', 'PayPal', '货到付款 (Cash on delivery)']),
		);
		expect(zh.facts.some((fact) => fact.language === 'en')).toBe(false);
		expect(en.facts.some((fact) => fact.language === 'zh')).toBe(false);
		expect(en.facts.map((fact) => fact.object)).toContain('Alipay: pay by QR code or in the Alipay app; confirmed instantly.');
	});

	test('resolves follow-up questions from the history, the conversation id and known entities; walks backwards and 2 hops', async () => {
		const run = await runWorkflowFixture('kg-answer-travel.workflow.json');
		assertFixtureExpectations(run);
		const [backwards, twoHops] = run.outputs['KG Query'][0].slice(4).map((item) => item.json.answer as { facts: { subject: string; relation: string; object: string }[] });
		expect(backwards.facts.length).toBeGreaterThan(0);
		expect(backwards.facts.every((fact) => fact.relation === '周边景点' && fact.object === '雍和宫')).toBe(true);
		expect(twoHops.facts.filter((fact) => fact.relation === '门票').length).toBeGreaterThan(0);
		expect(twoHops.facts.filter((fact) => fact.relation === '周边景点').every((fact) => fact.subject === '故宫')).toBe(true);
	});

	test('looks entities up by name or alias, with a relation filter; an unknown name is not an error', async () => {
		assertFixtureExpectations(await runWorkflowFixture('kg-lookup.workflow.json'));
	});

	test('Run Cypher on the embedded graph fails with an error naming Neo4j', async () => {
		const run = await runWorkflowFixture('kg-cypher-embedded.workflow.json');
		assertFixtureExpectations(run);
		expect(run.status).toBe('error');
	});

	test('continue on fail: each failing item becomes an error item paired with its input', async () => {
		assertFixtureExpectations(await runWorkflowFixture('kg-continue-on-fail.workflow.json'));
	});

	test('imports triples into a graph file (idempotent), and answers a 2-hop question from it', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'kg-import-workflow-'));
		const sourceFile = path.join(folder, 'stores.csv');
		writeFileSync(
			sourceFile,
			'subject,relation,object\nRiverside Store,hours,09:00-21:00\nRiverside Store,near,Central Mall\nCentral Mall,hours,10:00-22:00\nCentral Mall,near,Riverside Store\nRiverside Store,alias,riverside shop\n',
		);
		const input = [
			{ json: { graphFile: path.join(folder, 'stores.json'), sourceFile, message: "What's open near the Riverside shop?", intent: 'nearby' } },
		];
		assertFixtureExpectations(await runWorkflowFixture('kg-import-file.workflow.json', { input }));

		const { workflow } = loadWorkflowFixture('kg-import-file.workflow.json');
		const again = await runWorkflow(workflow, { input });
		expect(again.outputs['Import Triples'][0][0].json.import).toMatchObject({ triples: 4, added: 0, total: 4 });
	});

	test('the demo graphs are read-only for Import Triples', async () => {
		const { workflow } = loadWorkflowFixture('kg-import-file.workflow.json');
		const importNode = workflow.nodes.find((node) => node.name === 'Import Triples')!;
		importNode.parameters = { ...importNode.parameters, graphSource: 'ecommerceDemo' };
		const run = await runWorkflow(workflow, { input: [{ json: { sourceFile: '/tmp/whatever.csv' } }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^The demo graphs are read-only/);
	});

	test('a Limit an expression gives as no whole number of at least 1 fails its item, naming it; numeric text is read', async () => {
		const { workflow } = loadWorkflowFixture('kg-lookup.workflow.json');
		const kgNode = workflow.nodes.find((node) => node.name === 'KG Query')!;
		kgNode.parameters.lookupOptions = { limit: '={{ $json.limit }}' };
		const input = [Number.NaN, 'abc', -1, 1.5, ' 1 '].map((limit) => ({ json: { entity: '本店', limit } }));
		const stopped = await runWorkflow(workflow, { input });
		expect(stopped.error?.message).toBe('Limit must be a whole number of at least 1, got NaN');
		expect((stopped.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
		kgNode.onError = 'continueRegularOutput';
		const continued = (await runWorkflow(workflow, { input })).outputs['KG Query'][0];
		expect(continued.slice(0, 4).map(({ json }) => json.error)).toEqual(
			['NaN', '"abc"', '-1', '1.5'].map((shown) => `Limit must be a whole number of at least 1, got ${shown}`),
		);
		expect(continued.map(({ pairedItem }) => pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(continued[4].json.kg).toMatchObject({ found: true, neighbours: [expect.anything()] });
	});
});
