import { evaluatePredictions } from '../evaluation/metrics';
import { confusionMatrixSvg } from './confusionMatrixSvg';

const report = evaluatePredictions(
	['退款 & <refund>', '退款 & <refund>', 'delivery'],
	[
		{ label: '退款 & <refund>', confidence: 0.9 },
		{ label: 'delivery', confidence: 0.6 },
		{ label: 'delivery', confidence: 0.8 },
	],
);

it('draws one cell per gold × predicted pair with counts, escaped labels and the notes', () => {
	const svg = confusionMatrixSvg(report, { title: 'support v2 <candidate>', notes: ['accuracy 0.667'] });
	expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
	expect(svg.endsWith('</svg>')).toBe(true);
	expect(svg.match(/<rect x=/g)).toHaveLength(4);
	expect(svg).toContain('support v2 &lt;candidate&gt;');
	expect(svg).toContain('accuracy 0.667');
	expect(svg).toContain('<title>退款 &amp; &lt;refund&gt; → delivery: 1</title>');
	expect(svg).not.toMatch(/<refund>/);
	// Two of two deliveries right: the darkest blue; one of two refunds: half-way.
	expect(svg).toContain('fill="rgb(33,102,172)"');
	expect(svg).toContain('fill="rgb(144,179,214)"');
});

it('stays readable for many labels (small cells, no counts) and says when nothing was evaluated', () => {
	const labels = Array.from({ length: 77 }, (_, i) => `label_${i}`);
	const many = evaluatePredictions(labels, labels.map((label) => ({ label, confidence: 1 })));
	const svg = confusionMatrixSvg(many, { title: 'banking' });
	expect(svg).toMatch(/width="9" height="9"/);
	expect(svg).not.toMatch(/text-anchor="middle" fill="#fff">1</);
	const empty = confusionMatrixSvg(evaluatePredictions([], []), { title: 'empty' });
	expect(empty).toContain('No examples were evaluated.');
});
