/**
 * Which output an item leaves through. Branches are laid out as the description's `configuredOutputs`
 * lays them out: the chosen intents in order, then Other (only for a model's own label set), then Fallback.
 */
export interface BranchLayout {
	/** Output index of each intent that has its own branch. */
	intentBranch: ReadonlyMap<string, number>;
	/** Output index of Other, when the model has intents without a branch. */
	otherBranch: number | undefined;
	fallbackBranch: number;
	branchCount: number;
}

export function branchLayout(branchIntents: readonly string[], withOther: boolean): BranchLayout {
	const intentBranch = new Map<string, number>();
	branchIntents.forEach((name, index) => {
		if (!intentBranch.has(name)) intentBranch.set(name, index);
	});
	const otherBranch = withOther ? branchIntents.length : undefined;
	const fallbackBranch = branchIntents.length + (withOther ? 1 : 0);
	return { intentBranch, otherBranch, fallbackBranch, branchCount: fallbackBranch + 1 };
}

/** Output index for a classified item: its intent's branch, Other, or Fallback. */
export function branchFor(layout: BranchLayout, label: string, isFallback: boolean): number {
	if (isFallback) return layout.fallbackBranch;
	return layout.intentBranch.get(label) ?? layout.otherBranch ?? layout.fallbackBranch;
}

/** Branch names chosen in the node: a list, or a comma-separated string from an expression. */
export function parseBranchIntents(value: unknown): string[] {
	const names = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
	return names.map((name) => name.trim()).filter((name) => name !== '');
}
