import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CHATML_TEMPLATE, writeTinyModelFolder } from '../../../test/workflows/generateAnswer.tinyDecoder';
import { modelFolderVersion, ModelFolderError, readModelFolder } from './modelFolder';

let root: string;
beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'model-folder-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('readModelFolder', () => {
	test('reads an optimum export: configs, tokenizer, and the chat template from tokenizer_config.json', async () => {
		const { folder } = await writeTinyModelFolder(path.join(root, 'complete'));
		const files = await readModelFolder(folder);
		expect(files.modelPath).toBe(path.join(folder, 'model.onnx'));
		expect(files.config.num_hidden_layers).toBe(2);
		expect(files.generationConfig.eos_token_id).toEqual([265, 263]);
		expect(files.chatTemplate).toBe(CHATML_TEMPLATE);
		expect(files.version).toBe(await modelFolderVersion(folder));
	});

	test('chat_template.jinja wins over tokenizer_config.json; named templates pick "default"', async () => {
		const { folder } = await writeTinyModelFolder(path.join(root, 'templates'), { chatTemplate: false });
		expect((await readModelFolder(folder)).chatTemplate).toBeUndefined();
		await writeFile(
			path.join(folder, 'tokenizer_config.json'),
			JSON.stringify({ chat_template: [{ name: 'tool_use', template: 'T' }, { name: 'default', template: 'D' }] }),
		);
		expect((await readModelFolder(folder)).chatTemplate).toBe('D');
		await writeFile(path.join(folder, 'chat_template.jinja'), 'J');
		expect((await readModelFolder(folder)).chatTemplate).toBe('J');
	});

	test('an incomplete folder is refused, naming every missing file and how to export', async () => {
		const folder = path.join(root, 'incomplete');
		await writeTinyModelFolder(folder);
		await rm(path.join(folder, 'tokenizer.json'));
		await rm(path.join(folder, 'generation_config.json'));
		await expect(readModelFolder(folder)).rejects.toThrow(
			new ModelFolderError(
				`Model folder "${folder}" is missing tokenizer.json, generation_config.json: export the model with \`optimum-cli export onnx --model <model> --task text-generation-with-past <folder>\``,
			),
		);
		await expect(readModelFolder(path.join(root, 'nowhere'))).rejects.toThrow(/does not exist or is not a folder/);
	});

	test('a broken config names the file', async () => {
		const { folder } = await writeTinyModelFolder(path.join(root, 'broken'));
		await writeFile(path.join(folder, 'config.json'), '{ "num_hidden_layers": 2, ');
		await expect(readModelFolder(folder)).rejects.toThrow(/^config\.json in ".*broken" is not valid: /);
	});
});
