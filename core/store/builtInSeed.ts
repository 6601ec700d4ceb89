import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';

import { readLabelledFile } from '../data/labelled';
import { evaluateClassifier } from '../evaluation/evaluateClassifier';
import { summarizeReport } from '../evaluation/metrics';
import { MANIFEST_FILE, MODEL_FILE } from '../model/manifest';
import { TextClassifier } from '../model/textClassifier';
import { ModelStoreError, TrainingInProgressError } from './errors';
import { versionFolderName } from './layout';
import type { ModelStore } from './modelStore';

/** The package root: `models/` and `datasets/` sit next to `core/` in the sources and in dist/. */
const PACKAGE_ROOT = join(__dirname, '..', '..');

/**
 * Built-in intent models whose training data ships with the package, so the model store can start
 * from them: the set the shipped model was trained on, and the test set it was judged on.
 */
export const SEEDABLE_BUILT_IN_MODELS = {
	'support-zh-en': {
		training: 'datasets/support-zh-en/train.csv',
		heldOut: 'datasets/support-zh-en/test.csv',
	},
} as const;

export type SeedableBuiltInModel = keyof typeof SEEDABLE_BUILT_IN_MODELS;

export interface SeedResult {
	/** Whether this call created the model (false: it was in the store already). */
	created: boolean;
	/** Whether this call stored the shipped model as version 1. */
	importedVersion: boolean;
}

const seedSource = (builtIn: string) => `built-in model ${builtIn}`;

function seedData(builtIn: string) {
	if (!Object.hasOwn(SEEDABLE_BUILT_IN_MODELS, builtIn)) {
		throw new ModelStoreError(
			`The built-in model "${builtIn}" cannot seed the model store: its training data is not shipped ` +
				`(models that can: ${Object.keys(SEEDABLE_BUILT_IN_MODELS).join(', ')})`,
		);
	}
	const files = SEEDABLE_BUILT_IN_MODELS[builtIn as SeedableBuiltInModel];
	return {
		modelFolder: join(PACKAGE_ROOT, 'models', builtIn),
		training: join(PACKAGE_ROOT, files.training),
		heldOut: join(PACKAGE_ROOT, files.heldOut),
	};
}

/**
 * Makes sure store model `name` exists, creating it from a built-in model on first use: the
 * shipped training set as its base data, the shipped test set as its held-out split, and the
 * shipped model itself as version 1 (promoted). So it answers exactly as the built-in model until
 * a retrain, and the first retrain is judged against the built-in model on the same test set.
 * A model that exists is left as it is.
 */
export async function ensureModelFromBuiltIn(store: ModelStore, name: string, builtIn: string): Promise<SeedResult> {
	const files = seedData(builtIn);
	let created = false;
	if (!(await store.listModels()).includes(name)) {
		const columns = { textColumn: 'text', labelColumn: 'label' };
		const [{ examples: training }, { examples: heldOut }] = await Promise.all([
			readLabelledFile(files.training, columns),
			readLabelledFile(files.heldOut, columns),
		]);
		// Another execution may create it at the same moment: then that one stores version 1.
		created = await store.createModel(name, training, { source: seedSource(builtIn), heldOut }).then(
			() => true,
			async (error: unknown) => {
				if ((await store.listModels()).includes(name)) return false;
				throw error;
			},
		);
	}
	return { created, importedVersion: await importBuiltInVersion(store, name, builtIn, files.modelFolder) };
}

/**
 * Stores the shipped model as version 1 of a model seeded from it that has no version yet (also
 * after a seeding was killed between creating the model and this step). Skipped while another
 * execution holds the training lock: that one is seeding or training it.
 */
async function importBuiltInVersion(store: ModelStore, name: string, builtIn: string, modelFolder: string): Promise<boolean> {
	const info = await store.describeModel(name);
	if (info.promotedVersion !== undefined || info.source !== seedSource(builtIn)) return false;
	const session = await store.startTraining(name, { wait: false, timeoutMs: 0 }).catch((error: unknown) => {
		if (error instanceof TrainingInProgressError) return undefined;
		throw error;
	});
	if (session === undefined) return false;
	try {
		const version = session.nextVersion();
		if (version !== 1) return false;
		const data = session.readData();
		const folder = await session.writeVersionFolder(version, async (temporary) => {
			for (const file of [MODEL_FILE, MANIFEST_FILE]) await copyFile(join(modelFolder, file), join(temporary, file));
		});
		const classifier = await TextClassifier.load(folder);
		const report = data.heldOut.length === 0 ? undefined : await evaluateClassifier(classifier, data.heldOut, { oosLabel: data.oosLabel });
		session.commitVersion(
			{
				version,
				folder: versionFolderName(version),
				createdAt: classifier.manifest.createdAt,
				decision: 'promoted',
				reason: `the built-in model ${builtIn} as shipped`,
				labels: [...classifier.labels],
				trainingExamples: data.baseTraining.length,
				feedbackThrough: 0,
				...(report ? { heldOutMetrics: summarizeReport(report) } : {}),
				trainingSeconds: classifier.manifest.training.seconds,
			},
			// Version 1: there was no promoted version to compare with.
			undefined,
		);
		return true;
	} finally {
		session.close();
	}
}
