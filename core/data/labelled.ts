import { columnIndex, DataError, parseTable, readTable, type Table, type TableFormat } from './table';

/** One message with its label: the unit of training and evaluation data. */
export interface LabelledExample {
	text: string;
	label: string;
}

export interface LabelledData {
	examples: LabelledExample[];
	/** Rows left out because their text or label was empty. */
	skippedRows: number;
}

export interface ColumnNames {
	textColumn: string;
	labelColumn: string;
}

/** Text and label columns of a table; rows with an empty text or label are skipped and counted. */
export function labelledExamples(table: Table, { textColumn, labelColumn }: ColumnNames): LabelledData {
	const textIndex = columnIndex(table, textColumn);
	const labelIndex = columnIndex(table, labelColumn);
	const examples: LabelledExample[] = [];
	let skippedRows = 0;
	for (const row of table.rows) {
		const text = row[textIndex].trim();
		const label = row[labelIndex].trim();
		if (text === '' || label === '') skippedRows++;
		else examples.push({ text, label });
	}
	if (examples.length === 0) {
		throw new DataError(`${table.source}: no row has both a "${textColumn}" and a "${labelColumn}" value`);
	}
	return { examples, skippedRows };
}

/** Labelled examples from a CSV / TSV file (format from its extension). */
export async function readLabelledFile(path: string, columns: ColumnNames): Promise<LabelledData> {
	return labelledExamples(await readTable(path), columns);
}

/** Labelled examples from CSV / TSV content held in memory (e.g. n8n binary data). */
export function parseLabelledData(
	content: Uint8Array | string,
	format: TableFormat,
	columns: ColumnNames,
	source: string,
): LabelledData {
	return labelledExamples(parseTable(content, format, source), columns);
}

/** Training needs two labels at least; the error names the source and the one label found. */
export function requireSeveralLabels(examples: readonly LabelledExample[], source: string): void {
	const labels = new Set(examples.map((example) => example.label));
	if (labels.size < 2) {
		const only = labels.size === 1 ? `only the label "${[...labels][0]}"` : 'no labels';
		throw new DataError(`${source}: training needs at least 2 different labels, found ${only}`);
	}
}
