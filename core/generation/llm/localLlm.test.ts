import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { writeTinyModelFolder } from '../../../test/workflows/generateAnswer.tinyDecoder';
import type { ChatMessage } from '../prompt';
import { loadLocalLlm, type LocalGenerationSettings } from './localLlm';

let root: string;
let folder: string;
const messages: ChatMessage[] = [
	{ role: 'system', content: '只根据事实回答。\n- 本店 | payment_method | 支付宝' },
	{ role: 'user', content: 'How do I pay? 怎么付款' },
];
const greedy: LocalGenerationSettings = { maxNewTokens: 30, temperature: 0, topP: 1, topK: 0, seed: 1, stop: [], timeoutMs: 60_000 };
const noWarnings = (message: string) => {
	throw new Error(`unexpected warning: ${message}`);
};

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'local-llm-'));
	folder = (await writeTinyModelFolder(path.join(root, 'tiny'))).folder;
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('LocalLlm', () => {
	test('renders the chat template and tokenizes it with its special tokens', async () => {
		const llm = await loadLocalLlm(folder, 'cpu', noWarnings);
		const prompt = llm.renderPrompt(messages);
		expect(prompt).toBe(
			'<|im_start|>system\n只根据事实回答。\n- 本店 | payment_method | 支付宝<|im_end|>\n<|im_start|>user\nHow do I pay? 怎么付款<|im_end|>\n<|im_start|>assistant\n',
		);
		const ids = llm.encode(prompt);
		expect(ids.slice(0, 2)).toEqual([264, 115]);
		expect(ids.filter((id) => id === 265)).toHaveLength(2);
		expect(llm.name).toBe('tiny-decoder-test');
	});

	test('generates the same reply for the same prompt, and reports its speed', async () => {
		const llm = await loadLocalLlm(folder, 'cpu', noWarnings);
		const first = await llm.generate(messages, greedy);
		expect(first).toMatchObject({ promptTokens: 115, generatedTokens: 30, finishReason: 'length' });
		expect(first.text.length).toBeGreaterThan(0);
		expect(first.tokensPerSecond).toBeGreaterThan(0);
		expect((await llm.generate(messages, greedy)).text).toBe(first.text);
		const sampled = await llm.generate(messages, { ...greedy, temperature: 1, seed: 5 });
		expect((await llm.generate(messages, { ...greedy, temperature: 1, seed: 5 })).text).toBe(sampled.text);
	});

	test('a stop string cuts the reply where it first appears', async () => {
		const llm = await loadLocalLlm(folder, 'cpu', noWarnings);
		const full = (await llm.generate(messages, greedy)).text;
		const stop = /[A-Za-z]{2}/.exec(full)![0];
		const cut = await llm.generate(messages, { ...greedy, stop: [stop] });
		expect(cut.finishReason).toBe('stop');
		expect(cut.text).toBe(full.slice(0, full.indexOf(stop)).trim());
	});

	test('is loaded once per process, and again when its files change', async () => {
		const llm = await loadLocalLlm(folder, 'cpu', noWarnings);
		expect(await loadLocalLlm(folder, 'cpu', noWarnings)).toBe(llm);
		const later = new Date(Date.now() + 5_000);
		await utimes(path.join(folder, 'tokenizer.json'), later, later);
		const reloaded = await loadLocalLlm(folder, 'cpu', noWarnings);
		expect(reloaded).not.toBe(llm);
		expect(await loadLocalLlm(folder, 'cpu', noWarnings)).toBe(reloaded);
	});

	test('without a chat template the prompt is plain turns', async () => {
		const plain = await writeTinyModelFolder(path.join(root, 'plain'), { chatTemplate: false });
		const llm = await loadLocalLlm(plain.folder, 'cpu', noWarnings);
		expect(llm.renderPrompt(messages)).toBe('System: 只根据事实回答。\n- 本店 | payment_method | 支付宝\n\nUser: How do I pay? 怎么付款\n\nAssistant:');
	});

	test('a prompt longer than the model takes is refused with the numbers', async () => {
		const short = await writeTinyModelFolder(path.join(root, 'short'));
		const config = { num_hidden_layers: 2, num_attention_heads: 2, num_key_value_heads: 1, head_dim: 8, max_position_embeddings: 64 };
		await writeFile(path.join(short.folder, 'config.json'), JSON.stringify(config));
		const llm = await loadLocalLlm(short.folder, 'cpu', noWarnings);
		await expect(llm.generate(messages, greedy)).rejects.toThrow(
			'The prompt has 115 tokens and the model takes at most 64: send fewer facts or shorter instructions',
		);
	});

	test('CUDA runs on the GPU when its provider loads, else on the CPU after one warning', async () => {
		const warnings: string[] = [];
		const llm = await loadLocalLlm(folder, 'cuda', (message) => warnings.push(message));
		if (llm.executionProvider === 'cuda') expect(warnings).toEqual([]);
		else expect(warnings).toEqual([expect.stringMatching(/^CUDA execution provider unavailable \(.+\); running on CPU$/)]);
		expect((await llm.generate(messages, { ...greedy, maxNewTokens: 3 })).generatedTokens).toBe(3);
	});
});
