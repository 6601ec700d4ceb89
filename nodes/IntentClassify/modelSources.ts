import { createHash } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	MAX_LOADED_MODELS,
	RecentlyUsed,
	TextClassifier,
	TRAINING_REVISION,
	trainClassifierInWorker,
	writeModel,
	type LabelledExample,
	type Prediction,
} from '../../core';
import type { OutOfScopeReason } from '../../core/model/decision';
import { HuggingFaceClassifier } from '../../core/model/huggingFaceClassifier';
import { markExamplesCopyUsed, pruneExamplesCopies } from '../../core/store/examplesCopies';
import { creationFolderName } from '../../core/store/layout';
import type { Language } from '../../core/text/language';
import { storeOf } from '../shared/modelStore';

export const BUILT_IN_INTENT_MODELS = [
	{
		name: 'support-zh-en',
		title: 'Customer Support (Chinese + English)',
		description: 'E-commerce customer-service intents: orders, delivery, refunds, payment, account, invoices, …',
	},
	{
		name: 'banking-en',
		title: 'Banking (English, BANKING77)',
		description: '77 banking intents (cards, transfers, top-ups, …), trained on BANKING77',
	},
] as const;

/** Folder of the models shipped in the package (dist/models next to dist/nodes). */
export const BUILT_IN_MODELS_FOLDER = join(__dirname, '..', '..', 'models');

export interface IntentPrediction {
	label: string;
	confidence: number;
	isFallback: boolean;
	reason?: OutOfScopeReason;
	topK: Array<{ label: string; confidence: number }>;
	/** Detected on the model's normalized text, where URLs, e-mail addresses and ids are masked. */
	language: Language;
}

export interface ClassifySettings {
	topK: number;
	/** Overrides of the model's calibrated values; absent or negative: use the model's. */
	confidenceThreshold?: number;
	ambiguityMargin?: number;
}

/** What the node needs of a model, whichever source it comes from. */
export interface IntentModel {
	name: string;
	version: string;
	labels: readonly string[];
	classify(texts: string[], settings: ClassifySettings): Promise<IntentPrediction[]>;
}

type ExecutionProvider = 'cpu' | 'cuda';

const override = (value: number | undefined) => (value !== undefined && value >= 0 ? value : undefined);

function fromPrediction(prediction: Prediction): IntentPrediction {
	return {
		label: prediction.label,
		confidence: prediction.confidence,
		isFallback: prediction.isOutOfScope,
		...(prediction.reason !== undefined ? { reason: prediction.reason } : {}),
		topK: prediction.topK,
		language: prediction.language,
	};
}

/** Both model kinds share the engine's predict() and its out-of-scope decision. */
type Classifier = Pick<TextClassifier, 'labels' | 'predict'>;

function classifierModel(classifier: Classifier, name: string, version: string): IntentModel {
	return {
		name,
		version,
		labels: classifier.labels,
		classify: async (texts, settings) =>
			(
				await classifier.predict(texts, {
					topK: settings.topK,
					confidenceThreshold: override(settings.confidenceThreshold),
					ambiguityMargin: override(settings.ambiguityMargin),
					batchSize: texts.length,
				})
			).map(fromPrediction),
	};
}

interface TypedIntent {
	name?: string;
	description?: string;
	examples?: string;
}

function typedIntents(context: IExecuteFunctions): TypedIntent[] {
	return (context.getNodeParameter('intents.intent', 0, []) as TypedIntent[]) ?? [];
}

/** Intent names typed in the node, in their order: the node's output branches. */
export function typedIntentNames(context: IExecuteFunctions): string[] {
	return typedIntents(context).map(({ name }) => (name ?? '').trim());
}

/** Training examples from the typed intents: every example line, and the description as one more. */
function examplesFromIntents(context: IExecuteFunctions): LabelledExample[] {
	const intents = typedIntents(context);
	const names = intents.map(({ name }) => (name ?? '').trim());
	const fail = (message: string) => {
		throw new NodeOperationError(context.getNode(), message, {
			description: 'Each intent needs a unique name and at least one example phrase.',
		});
	};
	if (intents.length < 2) fail(`Add at least two intents (found ${intents.length})`);
	const duplicate = names.find((name, index) => names.indexOf(name) !== index);
	if (duplicate !== undefined) fail(`Intent "${duplicate}" is listed twice`);
	const examples: LabelledExample[] = [];
	intents.forEach(({ description, examples: lines }, index) => {
		const label = names[index];
		if (label === '') fail(`Intent ${index + 1} has no name`);
		const phrases = (lines ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
		if (phrases.length === 0) fail(`Intent "${label}" has no example phrases`);
		if (description !== undefined && description.trim() !== '') phrases.push(description.trim());
		for (const text of phrases) examples.push({ text, label });
	});
	return examples;
}

/**
 * Models trained from typed examples, by folder (store + fingerprint): trained once, kept on disk until
 * unused for a while (pruneExamplesCopies); the most recently used stay loaded (each edit of the
 * examples is a new model).
 */
const examplesModels = new RecentlyUsed<string, Promise<TextClassifier>>(MAX_LOADED_MODELS);

async function exists(path: string): Promise<boolean> {
	return await access(path).then(
		() => true,
		() => false,
	);
}

/** Deletes the copies nobody used for a while; a failure only costs disk space, never the execution. */
async function pruneUnusedCopies(context: IExecuteFunctions, examplesFolder: string): Promise<void> {
	const inUse = new Set(Array.from(examplesModels, ([folder]) => folder));
	await pruneExamplesCopies(examplesFolder, { inUse }).then(
		(deleted) => {
			if (deleted.length > 0) context.logger.debug(`Intent Classify: deleted ${deleted.length} unused typed-examples models`);
		},
		(error: Error) => context.logger.warn(`Intent Classify: could not delete unused typed-examples models (${error.message})`),
	);
}

async function trainedFromExamples(
	context: IExecuteFunctions,
	examples: LabelledExample[],
	executionProvider: ExecutionProvider,
): Promise<{ classifier: TextClassifier; fingerprint: string }> {
	// The trainer's revision counts: a copy trained by an earlier release is trained again, not kept.
	const fingerprint = createHash('sha256')
		.update(JSON.stringify({ trainingRevision: TRAINING_REVISION, examples }))
		.digest('hex')
		.slice(0, 16);
	const examplesFolder = storeOf(context.getNodeParameter('modelStoreFolder', 0, '')).layout.examplesFolder;
	const folder = join(examplesFolder, fingerprint);
	const options = { executionProvider, logger: context.logger };
	// Every execution, also with the model loaded here: no process deletes a copy that is in use.
	await markExamplesCopyUsed(folder);
	let pending = examplesModels.get(folder);
	if (pending === undefined) {
		pending = (async () => {
			if (await exists(join(folder, 'model.json'))) {
				// Kept by an earlier execution. It is only a copy of what the examples give: one that can no
				// longer be loaded (files deleted or corrupt) is trained again rather than failing every run.
				const kept = await TextClassifier.load(folder, options).catch((error: Error) => {
					context.logger.warn(`Intent Classify: training the typed examples again (${error.message})`);
					return undefined;
				});
				if (kept !== undefined) return kept;
			}
			const leftover = await exists(folder);
			const trained = await trainClassifierInWorker(examples, {
				name: 'examples',
				version: fingerprint,
				onProgress: ({ message }) => context.logger.debug(`Intent Classify training: ${message}`),
			});
			// Written beside and renamed, so a parallel execution never loads half a model; named as the
			// store names a model being created, so one a killed process left is removed.
			const temporary = join(examplesFolder, creationFolderName(fingerprint, process.pid));
			await mkdir(temporary, { recursive: true });
			await writeModel(temporary, trained);
			if (leftover) await rm(folder, { recursive: true, force: true });
			await rename(temporary, folder).catch(async (error) => {
				await rm(temporary, { recursive: true, force: true });
				if (!(await exists(join(folder, 'model.json')))) throw error;
			});
			await pruneUnusedCopies(context, examplesFolder);
			return await TextClassifier.load(folder, options);
		})();
		examplesModels.set(folder, pending);
		pending.catch(() => examplesModels.delete(folder));
	}
	return { classifier: await pending, fingerprint };
}

export async function loadIntentModel(
	context: IExecuteFunctions,
	modelSource: string,
	executionProvider: ExecutionProvider,
): Promise<IntentModel> {
	const options = { executionProvider, logger: context.logger };
	switch (modelSource) {
		case 'examples': {
			const { classifier, fingerprint } = await trainedFromExamples(context, examplesFromIntents(context), executionProvider);
			return classifierModel(classifier, 'examples', fingerprint);
		}
		case 'builtIn': {
			const name = context.getNodeParameter('builtInModel', 0) as string;
			const classifier = await TextClassifier.load(join(BUILT_IN_MODELS_FOLDER, name), options);
			return classifierModel(classifier, name, classifier.manifest.version);
		}
		case 'trained': {
			const name = context.getNodeParameter('trainedModel', 0) as string;
			// Read on every execution: a version promoted since the last run is used without a restart.
			const { version, modelDir } = await storeOf(context.getNodeParameter('modelStoreFolder', 0, '')).promotedVersion(name);
			const classifier = await TextClassifier.load(modelDir, options);
			return classifierModel(classifier, name, String(version));
		}
		case 'huggingFace': {
			const folder = context.getNodeParameter('huggingFaceFolder', 0) as string;
			const classifier = await HuggingFaceClassifier.load(folder, options);
			return classifierModel(classifier, classifier.name, classifier.version);
		}
		default:
			throw new NodeOperationError(context.getNode(), `Unknown model source "${modelSource}"`);
	}
}
