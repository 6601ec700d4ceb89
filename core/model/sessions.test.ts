import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createSession } from './sessions';
import { writeTinySequenceClassifier } from './testing/tinySequenceClassifier';

let folder: string;

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'sessions-'));
	await writeTinySequenceClassifier(folder);
});

afterAll(async () => {
	await rm(folder, { recursive: true, force: true });
});

describe('createSession', () => {
	it('shares one session per model file version and settings', async () => {
		const path = join(folder, 'model.onnx');
		const first = await createSession(path);
		expect(first.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
		expect(await createSession(join(folder, '.', 'model.onnx'))).toBe(first);
		expect(await createSession(path, { intraOpNumThreads: 2 })).not.toBe(first);

		const later = new Date(Date.now() + 60_000);
		await utimes(path, later, later);
		const replaced = await createSession(path);
		expect(replaced).not.toBe(first);
		expect(await createSession(path)).toBe(replaced);
	});

	it('rejects with the cause for a missing or broken file', async () => {
		await expect(createSession(join(folder, 'missing.onnx'))).rejects.toThrow(/ENOENT/);
		await expect(createSession(join(folder, 'config.json'))).rejects.toThrow(/protobuf|load model/i);
	});
});
