import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { formatFromPath, parseLabelledData, type LabelledData, type TableFormat } from '../../core';
import { ensureModelFromBuiltIn, TrainingInProgressError, type ModelStore } from '../../core/store';
import { storeOf } from '../shared/modelStore';
import { numberParameter } from '../shared/numberParameter';
import { withFields } from '../shared/outputItem';

/** The store the node's folder parameter names (empty: the default inside the n8n user folder). */
export function storeFor(context: IExecuteFunctions, itemIndex: number): ModelStore {
	return storeOf(context.getNodeParameter('modelStoreFolder', itemIndex, ''));
}

export function modelName(context: IExecuteFunctions, itemIndex: number, parameter = 'model'): string {
	const name = String(context.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	if (name === '') throw new NodeOperationError(context.getNode(), 'No model chosen: pick a model of the store', { itemIndex });
	return name;
}

/**
 * The Version parameter: undefined for 0 or blank (the operation's default), else a version number.
 * Anything but a whole number is refused rather than taken as 0 (which would roll back to some other version).
 */
export function versionParameter(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const version = numberParameter(context, 'version', itemIndex, { displayName: 'Version', min: 0, integer: true }, 0);
	return version === 0 ? undefined : version;
}

/** Creates the model from a built-in one on first use when "If the Model Is Not in the Store" says so. */
export async function ensureModel(context: IExecuteFunctions, store: ModelStore, name: string, itemIndex: number): Promise<void> {
	const builtIn = context.getNodeParameter('ifModelMissing', itemIndex, 'fail') as string;
	if (builtIn === 'fail') return;
	const { created } = await ensureModelFromBuiltIn(store, name, builtIn);
	if (created) context.logger.info(`Feedback & Retrain: created model "${name}" from the built-in model ${builtIn}`);
}

/** Core errors carry user-ready messages; they become NodeOperationErrors of their item. */
export function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const description =
		error instanceof TrainingInProgressError ? 'Set "If Training Is in Progress" to "Wait" to queue behind the running retrain.' : undefined;
	return new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, ...(description ? { description } : {}) });
}

/** Runs `run` for every item; a failing item becomes an error item under Continue On Fail. */
export async function forEachItem(
	context: IExecuteFunctions,
	run: (item: INodeExecutionData, itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...(await run(items[itemIndex], itemIndex)));
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push(withFields(items[itemIndex], itemIndex, { error: nodeError.message }));
		}
	}
	return output;
}

/** Labelled examples from a CSV/TSV file in the item's binary field (columns and format from the parameters). */
export async function labelledFile(context: IExecuteFunctions, itemIndex: number): Promise<LabelledData & { fileName: string }> {
	const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const fileName = binary.fileName ?? property;
	const chosen = context.getNodeParameter('fileFormat', itemIndex, 'auto') as 'auto' | TableFormat;
	const format: TableFormat =
		chosen !== 'auto'
			? chosen
			: /\.\w+$/.test(fileName)
				? formatFromPath(fileName)
				: binary.mimeType === 'text/tab-separated-values'
					? 'tsv'
					: 'csv';
	const content = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const columns = {
		textColumn: (context.getNodeParameter('textColumn', itemIndex) as string).trim(),
		labelColumn: (context.getNodeParameter('labelColumn', itemIndex) as string).trim(),
	};
	return { ...parseLabelledData(content, format, columns, fileName), fileName };
}
