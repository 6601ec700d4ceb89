import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'support-ai-cli-'));
const file = (name: string, content: string | Buffer) => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};
const rows = [
	...['我要退款', '怎么退款', 'refund please', 'I want my money back', '退钱', 'how do I get a refund', '退款多久到账', 'refund my order', '申请退款', 'money back'].map((text) => `"${text}",refund`),
	...['快递到哪了', 'where is my parcel', '物流信息', 'track my order', '还没发货', 'delivery is late', '快递太慢了', 'when will it arrive', '包裹丢了', 'parcel status'].map((text) => `"${text}",delivery`),
	...['天气怎么样', 'tell me a joke', '你是谁', 'sing a song'].map((text) => `"${text}",oos`),
];
const trainCsv = file('train.csv', `text,label\n${rows.join('\n')}\n`);
const modelDir = join(dir, 'model');

/** Runs the CLI in-process; returns exit code, stdout and stderr. */
async function cli(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
	const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
	try {
		const code = await main(args);
		const last = stdout.trim().split('\n').pop() ?? '';
		return { code, stdout, stderr, lastLine: last.startsWith('{') ? JSON.parse(last) : undefined };
	} finally {
		out.mockRestore();
		err.mockRestore();
	}
}

const columns = ['--text-column', 'text', '--label-column', 'label'];

describe('support-ai CLI', () => {
	beforeAll(async () => {
		const result = await cli('train', '--data', trainCsv, ...columns, '--oos-label', 'oos', '--out', modelDir);
		expect(result.code).toBe(0);
	});

	it('train reports progress on stderr and a JSON summary on stdout', async () => {
		const result = await cli('train', '--data', trainCsv, ...columns, '--out', join(dir, 'model2'), '--seed', '3', '--mark-negation', '--sentiment-lexicon');
		expect(result.stderr).toMatch(/epoch 1\//);
		expect(result.lastLine).toMatchObject({ out: join(dir, 'model2'), labels: 3, thresholds: expect.any(Object) });
		const manifest = JSON.parse(readFileSync(join(dir, 'model2', 'model.json'), 'utf8'));
		expect(manifest.featurizer).toMatchObject({ markNegation: true, sentimentLexicon: true });
		// 10, 10 and 4 examples: not imbalanced enough for balancing by default.
		expect(manifest.training.settings.classBalancing).toBe(false);
	});

	it('train balances classes with --class-balancing, not with --no-class-balancing, never both', async () => {
		for (const [flag, balanced] of [['--class-balancing', true], ['--no-class-balancing', false]] as const) {
			const out = join(dir, `model${flag}`);
			expect((await cli('train', '--data', trainCsv, ...columns, '--out', out, flag)).code).toBe(0);
			expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).training.settings.classBalancing).toBe(balanced);
		}
		const both = await cli('train', '--data', trainCsv, ...columns, '--out', join(dir, 'x'), '--class-balancing', '--no-class-balancing');
		expect(both.code).toBe(2);
		expect(both.stderr).toMatch(/exclude each other/);
	});

	it('train learns the validation file in a final pass, not with --no-refit', async () => {
		for (const [flags, refit] of [[[], true], [['--no-refit'], false]] as const) {
			const out = join(dir, `model-refit-${refit}`);
			expect((await cli('train', '--data', trainCsv, '--validation', trainCsv, ...columns, '--out', out, ...flags)).code).toBe(0);
			expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).training).toMatchObject({ validation: 'given', refit });
		}
	});

	it('eval ends stdout with one JSON object, with OOS metrics when asked', async () => {
		const plain = await cli('eval', '--model', modelDir, '--data', trainCsv, ...columns);
		expect(plain.code).toBe(0);
		expect(plain.lastLine).toEqual(expect.objectContaining({ n: 24, accuracy: expect.any(Number), macroF1: expect.any(Number) }));
		expect(plain.lastLine.accuracy).toBeGreaterThan(0.9);
		const withOos = await cli('eval', '--model', modelDir, '--data', trainCsv, ...columns, '--oos-label', 'oos');
		expect(withOos.lastLine).toEqual(expect.objectContaining({ inScopeAccuracy: expect.any(Number), oosRecall: expect.any(Number) }));
	});

	it('predict prints label, confidence, top-k and language per text', async () => {
		const result = await cli('predict', '--model', modelDir, '--top-k', '2', '我的快递到哪了', 'refund please');
		const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
		expect(lines.map((line) => [line.text, line.topK[0].label, line.language])).toEqual([
			['我的快递到哪了', 'delivery', 'zh'],
			['refund please', 'refund', 'en'],
		]);
		expect(lines[0].topK).toHaveLength(2);
		expect(typeof lines[0].confidence).toBe('number');
	});

	it.each([
		['a missing column', ['train', '--data', trainCsv, '--text-column', 'message', '--label-column', 'label', '--out', join(dir, 'x')], /no column "message"; columns are: "text", "label"/],
		['an empty file', ['train', '--data', file('empty.csv', ''), ...columns, '--out', join(dir, 'x')], /empty.csv: the file is empty/],
		['a header-only file', ['eval', '--model', modelDir, '--data', file('header.tsv', 'text\tlabel\n'), ...columns], /header row but no data rows/],
		['a file that is not UTF-8', ['train', '--data', file('gbk.csv', Buffer.from([0x74, 0x2c, 0x6c, 0x0a, 0xc4, 0xe3, 0x2c, 0x61, 0x0a])), '--text-column', 't', '--label-column', 'l', '--out', join(dir, 'x')], /not valid UTF-8 text/],
		['a single label', ['train', '--data', file('one.csv', 'text,label\na,x\nb,x\n'), ...columns, '--out', join(dir, 'x')], /at least 2 different labels, found only the label "x"/],
		['a missing data file', ['eval', '--model', modelDir, '--data', join(dir, 'nope.csv'), ...columns], /nope.csv: cannot read \(file not found\)/],
		['an unsupported extension', ['train', '--data', file('data.xlsx', 'x'), ...columns, '--out', join(dir, 'x')], /unsupported file type ".xlsx"/],
		['a missing model', ['predict', '--model', join(dir, 'no-model'), 'hi'], /model folder .*no-model not found/],
		['an Excel "Unicode Text" file (UTF-16)', ['train', '--data', file('unicode.txt', Buffer.from('\ufefftext\tlabel\n你好\tgreet\n', 'utf16le')), ...columns, '--out', join(dir, 'x')], /unicode.txt: the file is UTF-16 text .*save it as UTF-8/],
	])('fails clearly on %s (exit 1)', async (_, args, message) => {
		const result = await cli(...args);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(message);
		expect(result.stderr).toMatch(/^support-ai: error: /);
	});

	it('refuses an --out that is a file before training, naming it (exit 1)', async () => {
		const existing = file('existing-model.txt', 'not a folder');
		for (const [out, message] of [
			[existing, /existing-model\.txt: is a file, not a folder/],
			[join(existing, 'model'), /existing-model\.txt\/model: .*existing-model\.txt is a file, not a folder/],
		] as const) {
			const result = await cli('train', '--data', trainCsv, ...columns, '--out', out);
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/^support-ai: error: /);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).not.toMatch(/training on|epoch/);
		}
		expect(readFileSync(existing, 'utf8')).toBe('not a folder');
	});

	it.each([
		['no command', [], /usage:/],
		['an unknown command', ['fit'], /unknown command "fit"/],
		['a missing required option', ['train', '--data', trainCsv, ...columns], /--out is required/],
		['an unknown option', ['eval', '--modle', modelDir], /Unknown option '--modle'/],
		['an option of another command', ['predict', '--model', modelDir, '--seed', '3', 'hi'], /predict does not take --seed/],
		['an unknown command with options', ['fit', '--data', trainCsv], /unknown command "fit"/],
		['predict without text', ['predict', '--model', modelDir], /predict needs at least one TEXT/],
		['a bad number', ['predict', '--model', modelDir, '--top-k', 'many', 'hi'], /--top-k must be a whole number/],
	])('rejects %s with usage (exit 2)', async (_, args, message) => {
		const result = await cli(...args);
		expect(result.code).toBe(2);
		expect(result.stderr + result.stdout).toMatch(message);
	});

	it('runs as the package bin from the build, on the machine’s default Node too', () => {
		const bin = resolve(__dirname, '..', '..', 'dist', 'core', 'cli', 'main.js');
		const output = execFileSync('node', [bin, 'predict', '--model', modelDir, 'refund please'], { encoding: 'utf8' });
		expect(JSON.parse(output).topK[0].label).toBe('refund');
		const failed = spawnSync('node', [bin, 'eval', '--model', modelDir, '--data', trainCsv, '--text-column', 'x', '--label-column', 'label'], { encoding: 'utf8' });
		expect(failed.status).toBe(1);
		expect(failed.stderr).toMatch(/no column "x"/);
	});
});
