/** When a message counts as shouting (both are node parameters). */
export interface ShoutingSettings {
	/** Share of capital letters among the Latin letters of words of 2+ letters (default 0.7). */
	capsRatio: number;
	/** Fewest Latin letters before capitals count at all: "OK", "DHL" are not shouting (default 8). */
	minCapsLetters: number;
	/** Length of a run of ! and ? (full-width ！？ and emoji ❗❓❕❔‼⁉ included) that counts as shouting (default 3). */
	punctuationRun: number;
}

export const DEFAULT_SHOUTING_SETTINGS: ShoutingSettings = { capsRatio: 0.7, minCapsLetters: 8, punctuationRun: 3 };

export interface Shouting {
	/** Capital letters / Latin letters in words of 2+ letters (0 without such words). */
	capsShare: number;
	/** Longest run of ! and ? characters. */
	punctuationRun: number;
	caps: boolean;
	punctuation: boolean;
}

const LATIN_WORD = /[A-Za-z]{2,}/g;
// The emoji marks phones offer (❗ ❓ and the white ❕ ❔) have no NFKC form: each counts as one ! or ?.
const EXCLAIM_OR_ASK = /[!?\u2753-\u2755\u2757]+/g;
// Emoji presentation selectors: "‼️" (‼ + U+FE0F, as phones send it) is "!!" under NFKC plus a selector that would split the run.
const VARIATION_SELECTORS = /[\uFE0E\uFE0F]/g;

/** Capitals and runs of !/? in the text as written (case matters here, so no normalization but NFKC). */
export function detectShouting(text: string, settings: ShoutingSettings = DEFAULT_SHOUTING_SETTINGS): Shouting {
	const folded = text.normalize('NFKC').replace(VARIATION_SELECTORS, '');
	let letters = 0;
	let capitals = 0;
	for (const [word] of folded.matchAll(LATIN_WORD)) {
		letters += word.length;
		for (const char of word) if (char >= 'A' && char <= 'Z') capitals++;
	}
	let punctuationRun = 0;
	for (const [run] of folded.matchAll(EXCLAIM_OR_ASK)) punctuationRun = Math.max(punctuationRun, run.length);
	const capsShare = letters === 0 ? 0 : capitals / letters;
	return {
		capsShare,
		punctuationRun,
		caps: letters >= settings.minCapsLetters && capsShare >= settings.capsRatio,
		punctuation: punctuationRun >= settings.punctuationRun,
	};
}
