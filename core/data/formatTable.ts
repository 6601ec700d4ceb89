import type { TableFormat } from './table';

/** RFC 4180 field: quoted when it holds the delimiter, a quote or a line break. */
function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** TSV has no quoting: tabs and line breaks inside a field become spaces. */
function tsvField(value: string): string {
	return value.replace(/[\t\r\n]+/g, ' ');
}

/** A header row and rows as CSV or TSV text that `parseTable` reads back unchanged (TSV: see tsvField). */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, format: TableFormat): string {
	const field = format === 'csv' ? csvField : tsvField;
	const delimiter = format === 'csv' ? ',' : '\t';
	return [header, ...rows].map((row) => row.map(field).join(delimiter)).join('\n') + '\n';
}
