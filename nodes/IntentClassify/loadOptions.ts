import { join } from 'node:path';

import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TextClassifier } from '../../core';
import { HuggingFaceClassifier } from '../../core/model/huggingFaceClassifier';
import { storeOf } from '../shared/modelStore';
import { BUILT_IN_MODELS_FOLDER } from './modelSources';

const asOptions = (names: readonly string[]): INodePropertyOptions[] => names.map((name) => ({ name, value: name }));

/** Intents of the chosen model, for the "Branch Intents" list. */
export async function listModelIntents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const source = this.getCurrentNodeParameter('modelSource') as string;
	try {
		if (source === 'builtIn') {
			const name = this.getCurrentNodeParameter('builtInModel') as string;
			return asOptions((await TextClassifier.load(join(BUILT_IN_MODELS_FOLDER, name))).labels);
		}
		if (source === 'trained') {
			const name = this.getCurrentNodeParameter('trainedModel') as string;
			const { modelDir } = await storeOf(this.getCurrentNodeParameter('modelStoreFolder')).promotedVersion(name);
			return asOptions((await TextClassifier.load(modelDir)).labels);
		}
		if (source === 'huggingFace') {
			const folder = this.getCurrentNodeParameter('huggingFaceFolder') as string;
			return asOptions((await HuggingFaceClassifier.load(folder)).labels);
		}
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Could not read the model's intents: ${(error as Error).message}`);
	}
	return [];
}
