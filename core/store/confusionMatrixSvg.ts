import type { EvaluationReport } from '../evaluation/metrics';

export interface ConfusionPictureText {
	title: string;
	/** Lines under the title (metrics, decision). */
	notes?: string[];
}

const escapeXml = (text: string) =>
	text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);

const MAX_LABEL_CHARS = 28;
const shortLabel = (label: string) => (label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label);

/** Rough rendered width of a label at 11 px: CJK characters are about twice as wide as Latin ones. */
const labelWidth = (label: string) => [...label].reduce((width, char) => width + (/[\u2e80-\uffff]/.test(char) ? 11 : 6.5), 0);

/** White → colour by share: blue on the diagonal (right), red off it (confusions). */
function cellColour(share: number, diagonal: boolean): string {
	const [r, g, b] = diagonal ? [33, 102, 172] : [203, 24, 29];
	const mix = (channel: number) => Math.round(255 - (255 - channel) * share);
	return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

/**
 * The confusion matrix of an evaluation as an SVG picture: rows are gold labels, columns predicted
 * labels, cells shaded by the share of their row, counts written where the cells are big enough.
 * Sized to the label count, so a 77-label model stays readable.
 */
export function confusionMatrixSvg(report: EvaluationReport, text: ConfusionPictureText): string {
	const labels = report.labels.map(shortLabel);
	const n = labels.length;
	const cell = Math.max(8, Math.min(36, Math.floor(760 / Math.max(n, 1))));
	const fontSize = Math.min(11, Math.max(7, cell - 4));
	const gutter = Math.ceil(Math.max(60, ...labels.map(labelWidth)) * (fontSize / 11)) + 12;
	const headerLines = [text.title, ...(text.notes ?? [])];
	const headerHeight = 24 + headerLines.length * 18;
	const left = gutter + 24;
	const top = headerHeight + gutter + 24;
	const headerWidth = 32 + Math.max(...headerLines.map((line, index) => labelWidth(line) * (index === 0 ? 16 : 12) / 11));
	const width = Math.ceil(Math.max(left + n * cell + 20, headerWidth, 520));
	const height = top + n * cell + 20;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, 'PingFang SC', 'Noto Sans CJK SC', sans-serif">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
	);
	headerLines.forEach((line, index) =>
		parts.push(
			`<text x="16" y="${28 + index * 18}" font-size="${index === 0 ? 16 : 12}" font-weight="${index === 0 ? 'bold' : 'normal'}" fill="#222">${escapeXml(line)}</text>`,
		),
	);
	if (n === 0) {
		parts.push(`<text x="16" y="${headerHeight + 20}" font-size="12" fill="#666">No examples were evaluated.</text></svg>`);
		return parts.join('\n');
	}
	parts.push(
		`<text x="${left + (n * cell) / 2}" y="${headerHeight + 14}" font-size="12" text-anchor="middle" fill="#444">Predicted label</text>`,
		`<text transform="translate(14 ${top + (n * cell) / 2}) rotate(-90)" font-size="12" text-anchor="middle" fill="#444">Gold label</text>`,
	);
	labels.forEach((label, index) => {
		const middle = index * cell + cell / 2 + fontSize / 3;
		parts.push(
			`<text x="${left - 6}" y="${top + middle}" font-size="${fontSize}" text-anchor="end" fill="#333">${escapeXml(label)}</text>`,
			`<text transform="translate(${left + middle} ${top - 6}) rotate(-90)" font-size="${fontSize}" fill="#333">${escapeXml(label)}</text>`,
		);
	});
	report.confusion.forEach((row, gold) => {
		const total = row.reduce((sum, count) => sum + count, 0);
		row.forEach((count, predicted) => {
			const share = total === 0 ? 0 : count / total;
			const x = left + predicted * cell;
			const y = top + gold * cell;
			parts.push(
				`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${cellColour(share, gold === predicted)}" stroke="#e4e4e4" stroke-width="0.5"><title>${escapeXml(
					`${report.labels[gold]} → ${report.labels[predicted]}: ${count}`,
				)}</title></rect>`,
			);
			if (count > 0 && cell >= 18) {
				parts.push(
					`<text x="${x + cell / 2}" y="${y + cell / 2 + fontSize / 3}" font-size="${fontSize}" text-anchor="middle" fill="${share > 0.55 ? '#fff' : '#222'}">${count}</text>`,
				);
			}
		});
	});
	parts.push('</svg>');
	return parts.join('\n');
}
