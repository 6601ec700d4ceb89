import { formatTable } from './formatTable';
import { parseTable } from './table';

describe('formatTable', () => {
	const header = ['text', 'label'];
	const rows = [
		['plain', 'a'],
		['has, comma and "quotes"', 'b'],
		['line\nbreak', 'c'],
		['我的order还没到', 'd'],
	];

	it('writes CSV that parseTable reads back unchanged', () => {
		const table = parseTable(formatTable(header, rows, 'csv'), 'csv', 'round trip');
		expect(table.header).toEqual(header);
		expect(table.rows).toEqual(rows);
	});

	it('writes TSV with tabs and line breaks inside fields flattened to spaces', () => {
		const table = parseTable(formatTable(header, [['a\tb', 'x'], ['c\nd', 'y']], 'tsv'), 'tsv', 'round trip');
		expect(table.rows).toEqual([
			['a b', 'x'],
			['c d', 'y'],
		]);
	});
});
