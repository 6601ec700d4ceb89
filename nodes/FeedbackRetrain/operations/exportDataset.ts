import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { formatTable } from '../../../core/data/formatTable';
import type { ModelStore } from '../../../core/store';
import { forEachItem, modelName, storeFor } from '../common';

async function trainingDataTable(store: ModelStore, name: string) {
	const data = await store.trainingData(name);
	const rows = [
		...data.baseTraining.map(({ text, label }) => [text, label, 'base', 'train']),
		...data.corrections.map(({ text, label }) => [text, label, 'feedback', 'train']),
		...data.heldOut.map(({ text, label }) => [text, label, 'base', 'held_out']),
	];
	return { header: ['text', 'label', 'source', 'split'], rows };
}

async function feedbackTable(store: ModelStore, name: string) {
	const records = await store.feedbackRecords(name);
	const header = ['id', 'recorded_at', 'text', 'predicted_label', 'correct_label', 'rating', 'agent', 'channel', 'conversation_id'];
	const rows = records.map((record) => [
		String(record.id),
		record.recordedAt,
		record.text,
		record.predictedLabel ?? '',
		record.correctLabel,
		record.rating === undefined ? '' : String(record.rating),
		record.agent ?? '',
		record.channel ?? '',
		record.conversationId ?? '',
	]);
	return { header, rows };
}

/** The data as CSV binary: what Retrain trains and holds out, or every feedback record. */
export async function exportDataset(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(context, async (item, itemIndex) => {
		const name = modelName(context, itemIndex);
		const content = context.getNodeParameter('exportContent', itemIndex, 'trainingData') as 'trainingData' | 'feedback';
		const field = context.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') as string;
		const store = storeFor(context, itemIndex);
		const { header, rows } = content === 'feedback' ? await feedbackTable(store, name) : await trainingDataTable(store, name);
		const fileName = `${name}-${content === 'feedback' ? 'feedback' : 'training-data'}.csv`;
		const binary = await context.helpers.prepareBinaryData(Buffer.from(formatTable(header, rows, 'csv'), 'utf8'), fileName, 'text/csv');
		return [
			{
				json: { ...item.json, model: name, content, rows: rows.length, fileName },
				binary: { ...item.binary, [field]: binary },
				pairedItem: { item: itemIndex },
			},
		];
	});
}
