import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** An error as n8n shows it: a NodeOperationError as it is, anything else wrapped, its message kept. */
export function asNodeOperationError(context: IExecuteFunctions, error: unknown): NodeOperationError {
	return error instanceof NodeOperationError
		? error
		: new NodeOperationError(context.getNode(), error as Error, { description: (error as Error).message });
}
