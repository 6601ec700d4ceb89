/**
 * In-process workflow harness: runs n8n workflow JSON through n8n-core's WorkflowExecute with this
 * package's built nodes (dist/, loaded by PackageDirectoryLoader as n8n loads a community package, so
 * types are `n8n-nodes-support-ai.<node>`) and n8n-nodes-base (loaded lazily). Run `npm run build` first.
 *
 *   const run = await runWorkflowFixture('my.workflow.json', { credentials: { neo4jApi: {...} } });
 *   assertFixtureExpectations(run);           // the fixture's own `test.expectations`
 *   run.outputs['Intent Classify'][0][0].json  // node → output branches → items (last run of the node)
 *
 * A fixture (test/workflows/*.workflow.json) is an importable n8n workflow plus a top-level `test`
 * object that n8n ignores: `{ input?, startNode?, mode?, expectations?, error?, webhookResponse? }`.
 * Expectations match partially, with markers for loose values: see partialMatch.ts.
 */
export { runWorkflow, readBinary, type RunWorkflowOptions, type WorkflowJson, type WorkflowRun } from './runWorkflow';
export {
	assertFixtureExpectations,
	fixtureMismatches,
	loadWorkflowFixture,
	runWorkflowFixture,
	withoutSendingEmail,
	type FixtureRun,
	type FixtureTest,
	type WorkflowFixture,
} from './fixtures';
export { findMismatches } from './partialMatch';
export type { TestCredentials } from './credentialsHelper';
