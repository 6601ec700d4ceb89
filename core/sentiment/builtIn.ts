import { join } from 'node:path';

import { TextClassifier, type ClassifierOptions } from '../model/textClassifier';
import type { SentimentModels } from './analyzer';
import { classifierEmotion, classifierPolarity, readCalibration, type PolaritySource } from './sources';

/** Folders of the shipped sentiment models inside `models/`. */
export const BUILT_IN_SENTIMENT_MODELS = { zh: 'sentiment-zh', en: 'sentiment-en', emotion: 'emotion-en' } as const;

/** An engine polarity model folder with its `sentiment.json` calibration. */
export async function loadPolarityModel(folder: string, options: ClassifierOptions = {}): Promise<PolaritySource> {
	const [classifier, calibration] = await Promise.all([TextClassifier.load(folder, options), readCalibration(folder)]);
	const { name, version } = classifier.manifest;
	return classifierPolarity(classifier, name ?? folder, version, calibration.neutralBand);
}

/** The shipped models: Chinese and English polarity, English emotion. */
export async function loadBuiltInSentimentModels(modelsFolder: string, options: ClassifierOptions = {}): Promise<SentimentModels> {
	const [zh, en, emotion] = await Promise.all([
		loadPolarityModel(join(modelsFolder, BUILT_IN_SENTIMENT_MODELS.zh), options),
		loadPolarityModel(join(modelsFolder, BUILT_IN_SENTIMENT_MODELS.en), options),
		TextClassifier.load(join(modelsFolder, BUILT_IN_SENTIMENT_MODELS.emotion), options),
	]);
	return { zh, en, emotion: classifierEmotion(emotion) };
}
