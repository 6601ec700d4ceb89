import { constants } from 'node:buffer';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readLabelledFile, requireSeveralLabels } from './labelled';
import { DataError, formatFromPath, parseTable } from './table';

const dir = mkdtempSync(join(tmpdir(), 'support-ai-data-'));
const file = (name: string, content: string | Buffer) => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};
const columns = { textColumn: 'text', labelColumn: 'label' };

describe('parseTable', () => {
	it('reads RFC 4180 CSV: quotes, doubled quotes, commas and line breaks in fields, CRLF, BOM', () => {
		const csv = '\ufefftext,label\r\n"Hello, ""world""",greet\r\n"two\nlines",multi\r\n\r\nplain,x\r\n';
		const table = parseTable(Buffer.from(csv), 'csv', 'inline.csv');
		expect(table.header).toEqual(['text', 'label']);
		expect(table.rows).toEqual([
			['Hello, "world"', 'greet'],
			['two\nlines', 'multi'],
			['plain', 'x'],
		]);
		expect(table.lines).toEqual([2, 3, 6]);
	});

	it('reads TSV with literal quotes, unquoting only fully quoted fields', () => {
		const tsv = 'label\ttext_a\n1\t"PC卡插槽"为什么找不到\n0\t"a ""quoted"" field"\n';
		expect(parseTable(tsv, 'tsv', 'inline.tsv').rows).toEqual([
			['1', '"PC卡插槽"为什么找不到'],
			['0', 'a "quoted" field'],
		]);
	});

	it('reads TSV whose lines end with a carriage return alone, as CSV', () => {
		const table = parseTable('text\tlabel\rhello\tgreet\rbye\tleave\r', 'tsv', 'mac.txt');
		expect(table.rows).toEqual([
			['hello', 'greet'],
			['bye', 'leave'],
		]);
		expect(table.lines).toEqual([2, 3]);
		expect(parseTable('text,label\rhello,greet\r', 'csv', 'mac.csv').rows).toEqual([['hello', 'greet']]);
	});

	it.each([
		['empty file', '', 'csv', /inline: the file is empty/],
		['header only', 'text,label\n', 'csv', /header row but no data rows/],
		['wrong field count', 'text,label\na,b\nc,d,e\n', 'csv', /line 3 has 3 fields but the header has 2/],
		['unclosed quote', 'text,label\n"open,x\n', 'csv', /line 2: a quoted field is never closed/],
		['text after a closing quote', 'text,label\n"a"b,x\n', 'csv', /line 2: unexpected character after a closing quote/],
		['wrong TSV field count', 'text\tlabel\nonly one field\n', 'tsv', /line 2 has 1 fields .*separated by tabs/],
	] as const)('rejects %s', (_, content, format, message) => {
		expect(() => parseTable(content, format, 'inline')).toThrow(DataError);
		expect(() => parseTable(content, format, 'inline')).toThrow(message);
	});

	it('rejects text that is not UTF-8 and says where', () => {
		const gbk = Buffer.from([0x74, 0x65, 0x78, 0x74, 0x0a, 0xc4, 0xe3, 0xba, 0xc3]); // "text\n你好" in GBK
		expect(() => parseTable(gbk, 'csv', 'gbk.csv')).toThrow('gbk.csv: not valid UTF-8 text (bad byte at offset 6)');
	});

	it('says that a UTF-16 file (Excel\'s "Unicode Text", with its byte order mark) is to be saved as UTF-8', () => {
		const text = '\ufefftext\tlabel\n你好\tgreeting\n';
		const littleEndian = Buffer.from(text, 'utf16le');
		const bigEndian = Buffer.from(littleEndian).swap16();
		for (const content of [littleEndian, bigEndian]) {
			expect(() => parseTable(content, 'tsv', 'unicode.txt')).toThrow(
				'unicode.txt: the file is UTF-16 text (what Excel saves as "Unicode Text"); save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")',
			);
		}
	});

	it('says a UTF-8 file longer than a JavaScript string can be is too large, not badly encoded', () => {
		const huge = Buffer.alloc(constants.MAX_STRING_LENGTH + 1, 'a');
		expect(() => parseTable(huge, 'csv', 'huge.csv')).toThrow(
			'huge.csv: too large to read (537 MB; the limit is 536 million characters); split the file',
		);
	});
});

describe('readLabelledFile', () => {
	it('reads text and label columns by extension and skips rows with an empty value', async () => {
		const path = file('ok.tsv', 'id\tlabel\ttext\n1\trefund\t我要退款\n2\t\tno label\n3\tgreet\t你好\n');
		const data = await readLabelledFile(path, columns);
		expect(data.examples).toEqual([
			{ text: '我要退款', label: 'refund' },
			{ text: '你好', label: 'greet' },
		]);
		expect(data.skippedRows).toBe(1);
	});

	it('names a missing column and lists the columns there are', async () => {
		const path = file('cols.csv', 'sentence,intent\nhi,greet\n');
		await expect(readLabelledFile(path, columns)).rejects.toThrow(`${path}: no column "text"; columns are: "sentence", "intent"`);
	});

	it('rejects missing files, folders and unknown extensions', async () => {
		await expect(readLabelledFile(join(dir, 'missing.csv'), columns)).rejects.toThrow(/missing.csv: cannot read \(file not found\)/);
		await expect(readLabelledFile(file('data.json', '{}'), columns)).rejects.toThrow(/unsupported file type ".json"; use a .csv or .tsv file/);
		expect(formatFromPath('a/b.TSV')).toBe('tsv');
	});

	it('rejects a file without usable rows', async () => {
		await expect(readLabelledFile(file('blank.csv', 'text,label\n,a\nb,\n'), columns)).rejects.toThrow(
			/no row has both a "text" and a "label" value/,
		);
	});
});

describe('requireSeveralLabels', () => {
	it('rejects training data with a single label', () => {
		expect(() => requireSeveralLabels([{ text: 'a', label: 'x' }, { text: 'b', label: 'x' }], 'one.csv')).toThrow(
			new DataError('one.csv: training needs at least 2 different labels, found only the label "x"'),
		);
	});
});
