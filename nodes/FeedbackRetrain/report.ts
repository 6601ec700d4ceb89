import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { EvaluationReport } from '../../core';
import { confusionMatrixSvg, type RetrainResult } from '../../core/store';

interface ReportOptions {
	metricsBinaryPropertyName?: string;
	pictureBinaryPropertyName?: string;
}

const percent = (value: number | undefined) => (value === undefined ? '–' : `${(value * 100).toFixed(1)} %`);

/** The metrics JSON and the confusion-matrix SVG as n8n binary data. */
export async function reportBinaries(
	context: IExecuteFunctions,
	itemIndex: number,
	baseName: string,
	metrics: object,
	report: EvaluationReport,
	picture: { title: string; notes: string[] },
): Promise<IBinaryKeyData> {
	const options = context.getNodeParameter('options', itemIndex, {}) as ReportOptions;
	const metricsField = options.metricsBinaryPropertyName || 'metrics';
	const pictureField = options.pictureBinaryPropertyName || 'confusionMatrix';
	return {
		[pictureField]: await context.helpers.prepareBinaryData(
			Buffer.from(confusionMatrixSvg(report, picture), 'utf8'),
			`${baseName}-confusion-matrix.svg`,
			'image/svg+xml',
		),
		[metricsField]: await context.helpers.prepareBinaryData(
			Buffer.from(`${JSON.stringify(metrics, null, 2)}\n`, 'utf8'),
			`${baseName}-metrics.json`,
			'application/json',
		),
	};
}

/** A retrain (or a first training) as an output item's JSON and binaries. */
export async function retrainOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	result: RetrainResult,
): Promise<{ json: IDataObject; binary: IBinaryKeyData }> {
	const { candidateReport, ...summary } = result;
	const baseName = `${result.model}-v${result.candidateVersion}`;
	const metric = result.metric === 'accuracy' ? 'accuracy' : 'macro-F1';
	const current = result.current;
	const notes = [
		`held-out ${metric}: ${percent(result.candidate.metrics?.[result.metric])}` +
			(current ? ` (version ${current.version}: ${percent(current.metrics?.[result.metric])})` : '') +
			` · ${result.data.heldOutExamples} held-out examples · ${result.data.trainingExamples} trained`,
		`${result.promoted ? 'promoted' : 'refused'}: ${result.reason}`,
	];
	const binary = await reportBinaries(
		context,
		itemIndex,
		baseName,
		{ ...summary, candidateReport },
		candidateReport ?? { n: 0, accuracy: 0, macroF1: 0, ece: 0, perLabel: {}, labels: [], confusion: [] },
		{ title: `${result.model} version ${result.candidateVersion}: ${result.promoted ? 'promoted' : 'refused'}`, notes },
	);
	return { json: summary as unknown as IDataObject, binary };
}
