import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { TrainedModel } from '../training/train';
import { MANIFEST_FILE } from './manifest';

/**
 * Writes `dir/model.onnx`, then `dir/model.json` (creating `dir`). The manifest goes last, so a
 * folder with a manifest has its model. Atomic publication (temp folder + rename) is the caller's.
 */
export async function writeModel(dir: string, trained: TrainedModel): Promise<void> {
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, trained.manifest.onnx.file), trained.onnx);
	await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(trained.manifest, null, '\t')}\n`);
}
