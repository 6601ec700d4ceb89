import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkFeedback, type FeedbackInput, type ModelStore } from '../../../core/store';
import { withFields } from '../../shared/outputItem';
import { asNodeError, ensureModel, modelName, storeFor } from '../common';

interface PendingRecord {
	itemIndex: number;
	input: FeedbackInput;
}

interface ModelGroup {
	store: ModelStore;
	name: string;
	records: PendingRecord[];
}

// The parameters as the expressions give them: checkFeedback refuses objects and lists by name.
function feedbackOf(context: IExecuteFunctions, itemIndex: number): FeedbackInput {
	const fields = context.getNodeParameter('feedbackFields', itemIndex, {}) as Partial<FeedbackInput>;
	return checkFeedback({
		text: context.getNodeParameter('text', itemIndex, '') as string,
		correctLabel: context.getNodeParameter('correctLabel', itemIndex, '') as string,
		predictedLabel: context.getNodeParameter('predictedLabel', itemIndex, '') as string,
		rating: fields.rating,
		agent: fields.agent,
		channel: fields.channel,
		conversationId: fields.conversationId,
	});
}

/**
 * Checks every item first, then stores the valid ones in one transaction per model: the execution
 * reports success only once every stored record is on disk.
 */
export async function recordFeedback(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const fail = (itemIndex: number, error: unknown) => {
		const nodeError = asNodeError(context, error, itemIndex);
		if (!context.continueOnFail()) throw nodeError;
		results[itemIndex] = withFields(items[itemIndex], itemIndex, { error: nodeError.message });
	};

	const byModel = new Map<string, ModelGroup>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const store = storeFor(context, itemIndex);
			const name = modelName(context, itemIndex);
			const key = JSON.stringify([store.root, name]);
			const group = byModel.get(key) ?? { store, name, records: [] };
			group.records.push({ itemIndex, input: feedbackOf(context, itemIndex) });
			byModel.set(key, group);
		} catch (error) {
			fail(itemIndex, error);
		}
	}

	// Every model is checked (or created) before anything is stored: a later item naming an unknown model
	// must not fail the execution after earlier items were stored (a retried webhook would store them twice).
	const ready: ModelGroup[] = [];
	for (const group of byModel.values()) {
		try {
			await ensureModel(context, group.store, group.name, group.records[0].itemIndex);
			await group.store.describeModel(group.name);
			ready.push(group);
		} catch (error) {
			for (const { itemIndex } of group.records) fail(itemIndex, error);
		}
	}

	for (const { store, name, records } of ready) {
		let recorded;
		try {
			recorded = await store.recordFeedback(
				name,
				records.map((record) => record.input),
			);
		} catch (error) {
			for (const { itemIndex } of records) fail(itemIndex, error);
			continue;
		}
		records.forEach(({ itemIndex, input }, index) => {
			results[itemIndex] = withFields(items[itemIndex], itemIndex, {
				feedback: { model: name, ...recorded[index], ...input } as unknown as IDataObject,
			});
		});
	}
	return results.filter((result): result is INodeExecutionData => result !== undefined);
}
