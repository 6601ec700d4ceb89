import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IBinaryData,
	IExecuteResponsePromiseData,
	INode,
	INodeExecutionData,
	IRunData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, type TestCredentials } from './credentialsHelper';
import { getRuntime } from './runtime';

/** A workflow as n8n exports it (only the parts execution needs are required). */
export type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> &
	Partial<Pick<IWorkflowBase, 'id' | 'name' | 'settings' | 'staticData'>>;

export interface RunWorkflowOptions {
	/** Items the start node emits; default one empty item, as Manual Trigger emits. */
	input?: INodeExecutionData[];
	/** Credential data by credential type name, e.g. `{ neo4jApi: { uri, user, password } }`. */
	credentials?: TestCredentials;
	/** Name of the node the run starts at; default the workflow's trigger, chosen as n8n chooses it. */
	startNode?: string;
	/**
	 * Default `trigger`: a trigger or webhook start node passes `input` on, as when the trigger fires in
	 * an active workflow. In `manual` mode a trigger runs its own manual-trigger function instead.
	 */
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRun {
	status: ExecutionStatus;
	/** Main output branches (output index → items) of every node that ran, from its last run. */
	outputs: Record<string, INodeExecutionData[][]>;
	/** Names of the nodes in the order they finished. */
	executionOrder: string[];
	/** Why the execution stopped: a node failed without continue-on-fail. */
	error?: ExecutionError;
	/** The node that raised `error` (errors that are not NodeOperationErrors carry no node). */
	failedNode?: string;
	/** What a Respond to Webhook node sent back. */
	webhookResponse?: IExecuteResponsePromiseData;
	/** n8n's raw run data: every run of every node, with timings, errors and metadata. */
	runData: IRunData;
}

let executionCounter = 0;

/** Runs a workflow through n8n-core's WorkflowExecute, with this package's built nodes and n8n-nodes-base. */
export async function runWorkflow(workflowJson: WorkflowJson, options: RunWorkflowOptions = {}): Promise<WorkflowRun> {
	const { nodeTypes, credentialTypes } = await getRuntime();
	const mode = options.mode ?? 'trigger';
	const executionId = String(++executionCounter);
	// n8n writes into the nodes and items it runs (parameter defaults, pairing): keep the caller's copies.
	const workflowData = structuredClone(workflowJson);
	const input = structuredClone(options.input ?? [{ json: {} }]);
	const workflow = new Workflow({
		id: workflowData.id ?? 'workflow-harness',
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		settings: workflowData.settings,
		staticData: workflowData.staticData,
		active: false,
		nodeTypes,
	});
	const startNode = options.startNode ? workflow.getNode(options.startNode) : defaultStartNode(workflow);
	if (!startNode) {
		throw new Error(
			options.startNode
				? `Start node "${options.startNode}" is not in workflow "${workflow.name}"`
				: `Workflow "${workflow.name}" has no trigger, webhook or start node`,
		);
	}

	const executionOrder: string[] = [];
	let webhookResponse: IExecuteResponsePromiseData | undefined;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData as IWorkflowBase);
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	hooks.addHandler('sendResponse', (response) => {
		webhookResponse = response;
	});

	const additionalData = createAdditionalData(
		executionId,
		workflow.id,
		hooks,
		new TestCredentialsHelper(credentialTypes, options.credentials ?? {}),
	);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);

	const runData = run.data.resultData.runData;
	const outputs: Record<string, INodeExecutionData[][]> = {};
	for (const [nodeName, taskData] of Object.entries(runData)) {
		const main = taskData.at(-1)?.data?.main;
		if (main) outputs[nodeName] = main.map((items) => items ?? []);
	}
	const { error, lastNodeExecuted } = run.data.resultData;
	return {
		status: run.status,
		outputs,
		executionOrder,
		error,
		failedNode: error ? lastNodeExecuted : undefined,
		webhookResponse,
		runData,
	};
}

/** n8n's own choice (trigger, poll or starting node); webhook workflows start at their first webhook. */
function defaultStartNode(workflow: Workflow): INode | undefined {
	return (
		workflow.getStartNode() ??
		Object.values(workflow.nodes).find(
			(node) => !node.disabled && workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).webhook,
		)
	);
}

/** The bytes of a binary property, wherever n8n keeps them (the harness keeps them in memory). */
export async function readBinary(binaryData: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binaryData);
}

function createAdditionalData(
	executionId: string,
	workflowId: string,
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: TestCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const baseUrl = 'http://localhost:5678';
	const unsupported = (what: string) => () => {
		throw new Error(`${what} is not available in the in-process workflow harness (use the real-n8n e2e tests)`);
	};
	return {
		executionId,
		workflowId,
		hooks,
		credentialsHelper,
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		// AI telemetry events have no receiver here.
		logAiEvent: () => {},
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: unsupported('Loading another execution'),
		getRuntimeCredential: unsupported('A runtime credential'),
		startRunnerTask: unsupported("n8n's task runner (Code node)"),
	};
}
