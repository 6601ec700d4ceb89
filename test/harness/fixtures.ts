import type { INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { findMismatches } from './partialMatch';
import { runWorkflow, type RunWorkflowOptions, type WorkflowJson, type WorkflowRun } from './runWorkflow';

/** The `test` section of a fixture: n8n ignores it on import, the harness reads it. */
export interface FixtureTest {
	/** Items the start node emits (default one empty item). */
	input?: INodeExecutionData[];
	startNode?: string;
	mode?: WorkflowExecuteMode;
	/** Node name → expected output branches (partial, see partialMatch.ts), or `{"$absent": true}`. */
	expectations?: Record<string, unknown>;
	/** Expected execution error, matched partially against `{ message, description, node, itemIndex }`. */
	error?: Record<string, unknown>;
	/** Expected response of a Respond to Webhook node, matched partially. */
	webhookResponse?: unknown;
}

export interface WorkflowFixture {
	file: string;
	workflow: WorkflowJson;
	test: FixtureTest;
}

export interface FixtureRun extends WorkflowRun {
	fixture: WorkflowFixture;
}

const FIXTURE_DIR = path.resolve(__dirname, '../workflows');

/** Reads a workflow fixture: an absolute path, or a file name under test/workflows. */
export function loadWorkflowFixture(file: string): WorkflowFixture {
	const resolved = path.resolve(FIXTURE_DIR, file);
	const { test, ...workflow } = JSON.parse(readFileSync(resolved, 'utf8')) as WorkflowJson & { test?: FixtureTest };
	return { file: resolved, workflow, test: test ?? {} };
}

/** Runs a fixture with its own input; options (credentials, or an input that replaces the fixture's) win. */
export async function runWorkflowFixture(file: string, options: RunWorkflowOptions = {}): Promise<FixtureRun> {
	const fixture = loadWorkflowFixture(file);
	const { input, startNode, mode } = fixture.test;
	const run = await runWorkflow(fixture.workflow, { input, startNode, mode, ...options });
	return { ...run, fixture };
}

/** Every way the run differs from the fixture's expectations, one readable line each. */
export function fixtureMismatches(run: FixtureRun): string[] {
	const { expectations = {}, error: expectedError, webhookResponse } = run.fixture.test;
	const problems: string[] = [];
	if (webhookResponse !== undefined) {
		problems.push(...findMismatches(run.webhookResponse, webhookResponse, 'webhookResponse'));
	}
	if (expectedError) {
		const error = run.error && {
			message: run.error.message,
			description: run.error.description,
			node: run.failedNode,
			itemIndex: run.error.context?.itemIndex,
		};
		problems.push(...(error ? findMismatches(error, expectedError, 'error') : ['error: the run succeeded, an error was expected']));
	} else if (run.error) {
		problems.push(`the run failed at node "${run.failedNode}": ${run.error.message}`);
	}
	for (const [nodeName, expected] of Object.entries(expectations)) {
		const ran = nodeName in run.outputs;
		if (isAbsentMarker(expected)) {
			if (ran) problems.push(`${nodeName}: expected the node not to run, it output ${JSON.stringify(run.outputs[nodeName])}`);
		} else if (!ran) {
			problems.push(`${nodeName}: did not run (ran: ${run.executionOrder.join(', ') || 'nothing'})`);
		} else {
			problems.push(...findMismatches(run.outputs[nodeName], expected).map((problem) => `${nodeName} › ${problem}`));
		}
	}
	return problems;
}

/** Throws one error listing every mismatch between the run and its fixture's expectations. */
export function assertFixtureExpectations(run: FixtureRun): void {
	const problems = fixtureMismatches(run);
	if (problems.length > 0) {
		throw new Error(`${path.basename(run.fixture.file)} does not match its expectations:\n  ${problems.join('\n  ')}`);
	}
}

function isAbsentMarker(value: unknown): boolean {
	return typeof value === 'object' && value !== null && '$absent' in value;
}

/**
 * A template with its Send Email nodes as No Operation nodes of the same names: n8n's Send Email node
 * cannot load in-process (an ES-module dependency), and what reaches a No Operation node is what
 * would be sent.
 */
export function withoutSendingEmail<T extends WorkflowJson>(workflow: T): T {
	for (const node of workflow.nodes.filter(({ type }) => type === 'n8n-nodes-base.emailSend')) {
		Object.assign(node, { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {}, credentials: undefined });
	}
	return workflow;
}
