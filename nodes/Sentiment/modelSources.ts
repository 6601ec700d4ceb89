import { access } from 'node:fs/promises';
import { join } from 'node:path';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TextClassifier, type ClassifierOptions } from '../../core';
import { HuggingFaceClassifier } from '../../core/model/huggingFaceClassifier';
import {
	BUILT_IN_SENTIMENT_MODELS,
	CALIBRATION_FILE,
	DEFAULT_NEUTRAL_BAND,
	afinnPolarity,
	classifierEmotion,
	classifierPolarity,
	loadBuiltInSentimentModels,
	loadPolarityModel,
	readCalibration,
	type SentimentModels,
} from '../../core/sentiment';
import { storeOf } from '../shared/modelStore';

/** Folder of the models shipped in the package (dist/models next to dist/nodes). */
export const BUILT_IN_MODELS_FOLDER = join(__dirname, '..', '..', 'models');

export interface LoadedModels extends SentimentModels {
	/** Reported with each result: which model read the messages. */
	description: { name: string; version: string };
}

async function exists(path: string): Promise<boolean> {
	return await access(path).then(
		() => true,
		() => false,
	);
}

/**
 * The models a run uses. Built-in: one model per language plus English emotion. A trained model or a
 * Hugging Face export reads both languages; English emotion still comes from the built-in model.
 */
export async function loadSentimentModels(context: IExecuteFunctions, modelSource: string, options: ClassifierOptions): Promise<LoadedModels> {
	const builtInEmotion = async () =>
		classifierEmotion(await TextClassifier.load(join(BUILT_IN_MODELS_FOLDER, BUILT_IN_SENTIMENT_MODELS.emotion), options));
	switch (modelSource) {
		case 'builtIn': {
			const models = await loadBuiltInSentimentModels(BUILT_IN_MODELS_FOLDER, options);
			return { ...models, description: { name: `${models.zh.name} + ${models.en.name}`, version: models.en.version } };
		}
		case 'lexicon': {
			const zh = await loadPolarityModel(join(BUILT_IN_MODELS_FOLDER, BUILT_IN_SENTIMENT_MODELS.zh), options);
			const en = afinnPolarity();
			return { zh, en, emotion: await builtInEmotion(), description: { name: `${zh.name} + ${en.name}`, version: en.version } };
		}
		case 'trained': {
			const name = context.getNodeParameter('trainedModel', 0) as string;
			// Read on every execution: a version promoted since the last run is used without a restart.
			const { version, modelDir } = await storeOf(context.getNodeParameter('modelStoreFolder', 0, '')).promotedVersion(name);
			const classifier = await TextClassifier.load(modelDir, options);
			const band = (await exists(join(modelDir, CALIBRATION_FILE))) ? (await readCalibration(modelDir)).neutralBand : DEFAULT_NEUTRAL_BAND;
			const polarity = classifierPolarity(classifier, name, String(version), band);
			return { zh: polarity, en: polarity, emotion: await builtInEmotion(), description: { name, version: String(version) } };
		}
		case 'huggingFace': {
			const folder = context.getNodeParameter('huggingFaceFolder', 0) as string;
			const classifier = await HuggingFaceClassifier.load(folder, options);
			const polarity = classifierPolarity(classifier, classifier.name, classifier.version, DEFAULT_NEUTRAL_BAND);
			return {
				zh: polarity,
				en: polarity,
				emotion: await builtInEmotion(),
				description: { name: classifier.name, version: classifier.version },
			};
		}
		default:
			throw new NodeOperationError(context.getNode(), `Unknown model source "${modelSource}"`);
	}
}
