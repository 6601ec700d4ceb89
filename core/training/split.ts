import { Random } from './random';

/**
 * Splits example indexes into train and validation parts with every label in the same proportion.
 * Labels with a single example stay in training; every other label keeps ≥ 1 example on each side.
 */
export function stratifiedSplit(
	labels: readonly string[],
	validationFraction: number,
	seed: number,
): { train: number[]; validation: number[] } {
	const byLabel = new Map<string, number[]>();
	labels.forEach((label, index) => {
		const group = byLabel.get(label);
		if (group) group.push(index);
		else byLabel.set(label, [index]);
	});
	const random = new Random(seed);
	const train: number[] = [];
	const validation: number[] = [];
	for (const label of [...byLabel.keys()].sort()) {
		const indexes = random.shuffle(byLabel.get(label)!);
		const held =
			indexes.length < 2 ? 0 : Math.min(indexes.length - 1, Math.max(1, Math.round(indexes.length * validationFraction)));
		validation.push(...indexes.slice(0, held));
		train.push(...indexes.slice(held));
	}
	const byIndex = (a: number, b: number) => a - b;
	return { train: train.sort(byIndex), validation: validation.sort(byIndex) };
}
