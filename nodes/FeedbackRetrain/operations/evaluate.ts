import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { summarizeReport } from '../../../core';
import { evaluateVersion } from '../../../core/store';
import { forEachItem, labelledFile, modelName, storeFor, versionParameter } from '../common';
import { reportBinaries } from '../report';

export async function evaluate(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (_item, itemIndex) => {
		const name = modelName(context, itemIndex);
		const version = versionParameter(context, itemIndex);
		const file =
			context.getNodeParameter('evaluationData', itemIndex, 'heldOut') === 'binary' ? await labelledFile(context, itemIndex) : undefined;
		const evaluation = await evaluateVersion(storeFor(context, itemIndex), name, {
			...(version === undefined ? {} : { version }),
			...(file ? { examples: file.examples, datasetName: file.fileName } : {}),
		});
		const { report } = evaluation;
		const json = {
			model: evaluation.model,
			version: evaluation.version,
			isPromoted: evaluation.isPromoted,
			dataset: evaluation.dataset,
			...(file ? { skippedRows: file.skippedRows } : {}),
			metrics: summarizeReport(report),
			perLabel: report.perLabel,
		};
		const binary = await reportBinaries(context, itemIndex, `${name}-v${evaluation.version}-evaluation`, { ...json, report }, report, {
			title: `${name} version ${evaluation.version} on ${evaluation.dataset}`,
			notes: [`accuracy ${(report.accuracy * 100).toFixed(1)} % · macro-F1 ${(report.macroF1 * 100).toFixed(1)} % · ${report.n} examples`],
		});
		return [{ json: json as unknown as IDataObject, binary, pairedItem: { item: itemIndex } }];
	});
}
