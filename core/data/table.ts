import { constants } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

export type TableFormat = 'csv' | 'tsv';

/** A delimited file with a header row. */
export interface Table {
	header: string[];
	rows: string[][];
	/** 1-based line number where each row starts (for error messages). */
	lines: number[];
	/** Where the table came from (a path, or a name such as "binary property data"). */
	source: string;
}

/** Bad data: the message names the source and the cause, ready for a user. */
export class DataError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataError';
	}
}

/** `csv` or `tsv` from a file name's extension (`.tab` and `.txt` count as TSV). */
export function formatFromPath(path: string): TableFormat {
	const extension = extname(path).toLowerCase();
	if (extension === '.csv') return 'csv';
	if (['.tsv', '.tab', '.txt'].includes(extension)) return 'tsv';
	throw new DataError(`${path}: unsupported file type "${extension || '(none)'}"; use a .csv or .tsv file`);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8Byte(content: Uint8Array): number {
	for (let i = 0; i < content.length; ) {
		const lead = content[i];
		const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
		if (length === 0) return i;
		for (let k = 1; k < length; k++) {
			if (i + k >= content.length || (content[i + k] & 0xc0) !== 0x80) return i + k;
		}
		i += length;
	}
	return content.length;
}

/** Whether the bytes start with a UTF-16 byte order mark (little- or big-endian), as Excel's "Unicode Text" does. */
const startsWithUtf16Bom = (content: Uint8Array) =>
	content.length >= 2 && ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff));

/** Decodes UTF-8 strictly (a file in GBK, Latin-1 or UTF-16 is an error, not mojibake) and drops a BOM. */
export function decodeUtf8(content: Uint8Array, source: string): string {
	if (startsWithUtf16Bom(content)) {
		throw new DataError(
			`${source}: the file is UTF-16 text (what Excel saves as "Unicode Text"); save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")`,
		);
	}
	let text: string | undefined;
	let tooLong = false;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(content);
	} catch (error) {
		// Valid UTF-8 beyond the longest string JavaScript can hold (about 512 MB) is not an encoding problem.
		tooLong = (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG';
	}
	if (tooLong) {
		throw new DataError(
			`${source}: too large to read (${Math.round(content.length / 1e6)} MB; the limit is ${Math.floor(constants.MAX_STRING_LENGTH / 1e6)} million characters); split the file`,
		);
	}
	if (text === undefined) {
		throw new DataError(
			`${source}: not valid UTF-8 text (bad byte at offset ${firstInvalidUtf8Byte(content)}); save the file as UTF-8 (e.g. convert it from GBK or Latin-1)`,
		);
	}
	return text.startsWith('\ufeff') ? text.slice(1) : text;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsvRecords(text: string, source: string): { records: string[][]; lines: number[] } {
	const records: string[][] = [];
	const lines: number[] = [];
	let record: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let i = 0;
	let quoted = false;
	let fieldStarted = false;
	const endField = () => {
		record.push(field);
		field = '';
		fieldStarted = false;
	};
	const endRecord = () => {
		endField();
		records.push(record);
		lines.push(recordLine);
		record = [];
	};
	while (i < text.length) {
		const char = text[i];
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				const next = text[i];
				if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
					throw new DataError(`${source}: line ${line}: unexpected character after a closing quote`);
				}
				continue;
			}
			if (char === '\n') line++;
			field += char;
			i++;
			continue;
		}
		if (char === '"' && !fieldStarted) {
			quoted = true;
			fieldStarted = true;
			i++;
		} else if (char === ',') {
			endField();
			i++;
		} else if (char === '\n' || char === '\r') {
			endRecord();
			i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
			line++;
			recordLine = line;
		} else {
			field += char;
			fieldStarted = true;
			i++;
		}
	}
	if (quoted) throw new DataError(`${source}: line ${recordLine}: a quoted field is never closed`);
	if (fieldStarted || record.length > 0) endRecord();
	return { records, lines };
}

const FULLY_QUOTED = /^"((?:[^"]|"")*)"$/;

/**
 * TSV: one record per line, fields split at tabs. Quotes are literal text (review corpora start
 * fields with stray quotes), except that a field enclosed in quotes with its inner quotes doubled,
 * as spreadsheet programs write it, is unquoted.
 */
function parseTsvRecords(text: string): { records: string[][]; lines: number[] } {
	const records: string[][] = [];
	const lines: number[] = [];
	// No line feed at all: classic Mac line ends (a carriage return alone), as older Excel for Mac writes; CSV reads them too.
	text.split(text.includes('\n') ? /\r?\n/ : '\r').forEach((line, index) => {
		if (line === '' && index > 0) return;
		records.push(line.split('\t').map((field) => FULLY_QUOTED.exec(field)?.[1].replaceAll('""', '"') ?? field));
		lines.push(index + 1);
	});
	return { records, lines };
}

/** Parses CSV or TSV content with a header row; blank lines are skipped. */
export function parseTable(content: Uint8Array | string, format: TableFormat, source: string): Table {
	const text = typeof content === 'string' ? content.replace(/^\ufeff/, '') : decodeUtf8(content, source);
	const { records, lines } = format === 'csv' ? parseCsvRecords(text, source) : parseTsvRecords(text);
	const keep = records.map((record) => record.some((field) => field.trim() !== ''));
	const kept = records.filter((_, index) => keep[index]);
	const keptLines = lines.filter((_, index) => keep[index]);
	if (kept.length === 0) throw new DataError(`${source}: the file is empty (expected a header row and data rows)`);
	const header = kept[0].map((name) => name.trim());
	const rows = kept.slice(1);
	if (rows.length === 0) throw new DataError(`${source}: the file has a header row but no data rows`);
	rows.forEach((row, index) => {
		if (row.length !== header.length) {
			throw new DataError(
				`${source}: line ${keptLines[index + 1]} has ${row.length} fields but the header has ${header.length}` +
					(format === 'tsv' ? ' (fields are separated by tabs)' : ' (quote fields that contain commas)'),
			);
		}
	});
	return { header, rows, lines: keptLines.slice(1), source };
}

/** Reads a CSV or TSV file (format from the extension). */
export async function readTable(path: string): Promise<Table> {
	const format = formatFromPath(path);
	// Errors as values: `instanceof Error` fails across realms (e.g. under jest).
	const read = await readFile(path).then(
		(content) => ({ content }),
		(error: NodeJS.ErrnoException) => ({ error }),
	);
	if ('error' in read) {
		const { code, message } = read.error;
		const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder' : message;
		throw new DataError(`${path}: cannot read (${reason})`);
	}
	return parseTable(read.content, format, path);
}

/** Index of a header column; the error lists the columns there are. */
export function columnIndex(table: Table, column: string): number {
	const index = table.header.indexOf(column);
	if (index < 0) {
		throw new DataError(`${table.source}: no column "${column}"; columns are: ${table.header.map((name) => `"${name}"`).join(', ')}`);
	}
	return index;
}
