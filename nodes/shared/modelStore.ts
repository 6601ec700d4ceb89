import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { openModelStore, type ModelStore } from '../../core/store';

/** The store a node's "Model Store Folder" parameter names (blank: the default in the n8n user folder). */
export function storeOf(folderParameter: unknown): ModelStore {
	return openModelStore(String(folderParameter ?? ''));
}

/** Models in the store, for a node's model list. */
export async function listTrainedModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const names = await storeOf(this.getCurrentNodeParameter('modelStoreFolder')).listModels();
	return names.map((name) => ({ name, value: name }));
}
