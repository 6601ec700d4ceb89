import type { ConverterFunction } from 'opencc-js';

/** Placeholders that masked spans are replaced with; the tokenizer keeps each one as a single token. */
export const PLACEHOLDERS = ['<url>', '<email>', '<id>', '<num>'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface NormalizeOptions {
	/** Lower-case letters (default true). */
	lowercase?: boolean;
	/** Convert traditional Chinese characters and phrases to simplified ones (default true). */
	traditionalToSimplified?: boolean;
	/** Replace URLs with `<url>` (default true). */
	maskUrls?: boolean;
	/** Replace e-mail addresses with `<email>` (default true). */
	maskEmails?: boolean;
	/** Replace order / tracking / phone-like identifiers with `<id>` (default true). */
	maskIds?: boolean;
	/** Replace other numbers with `<num>` (default true). */
	maskNumbers?: boolean;
}

export const DEFAULT_NORMALIZE_OPTIONS: Required<NormalizeOptions> = {
	lowercase: true,
	traditionalToSimplified: true,
	maskUrls: true,
	maskEmails: true,
	maskIds: true,
	maskNumbers: true,
};

const URL_PATTERN = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"'\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/giu;
const EMAIL_PATTERN = /[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
// An identifier: a '#'-prefixed code, a run of ≥ 6 digits, or a letter/digit code holding ≥ 5 digits
// ("jd123456789", "ord-2024-0501"). Short codes such as "iphone15" or "5g" stay words.
const ID_PATTERN = /#[a-z0-9][a-z0-9-]*|(?<![a-z0-9])(?:\d[\d-]{4,}\d|(?=(?:[a-z-]*\d){5})[a-z0-9]+(?:-[a-z0-9]+)*)(?![a-z0-9])/gi;
const NUMBER_PATTERN = /(?<![a-z\d])\d+(?:[.,]\d+)*(?![a-z\d])/gi;
const COMBINING_MARKS = /\p{M}+/gu;
const LATIN_WITH_MARKS = /[\u00c0-\u024f\u1e00-\u1eff]/;
const WHITESPACE = /\s+/g;
const ID_OR_NUMBER_MARK = /[\d#]/;
const DIGIT = /\d/;

let traditionalToSimplified: ConverterFunction | undefined;

/** OpenCC's traditional → simplified converter (phrases, then characters), loaded on first use. */
function toSimplified(text: string): string {
	if (traditionalToSimplified === undefined) {
		// Subpath with only the t→s dictionaries (110 KB); the package root also loads s→t ones.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const opencc = require('opencc-js/t2cn') as typeof import('opencc-js');
		traditionalToSimplified = opencc.Converter({ from: 't', to: 'cn' });
	}
	return traditionalToSimplified(text);
}

function foldLatinDiacritics(text: string): string {
	if (!LATIN_WITH_MARKS.test(text)) return text;
	// NFD then NFC again: Hangul and other scripts decompose into non-mark parts and recompose intact.
	return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

const HAN_CHAR = /\p{Script=Han}/u;

/**
 * Canonical form of a message for featurization: NFKC (full-width → half-width, compatibility forms),
 * case folding, Latin diacritics removed, traditional → simplified Chinese, URLs / e-mails / ids /
 * numbers masked to placeholders, whitespace collapsed.
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
	const settings = { ...DEFAULT_NORMALIZE_OPTIONS, ...options };
	let result = text.normalize('NFKC');
	if (settings.lowercase) result = result.toLowerCase();
	result = foldLatinDiacritics(result);
	if (settings.traditionalToSimplified && HAN_CHAR.test(result)) result = toSimplified(result);
	if (settings.maskUrls) result = result.replace(URL_PATTERN, ' <url> ');
	// Each pattern needs a character that most messages lack: checking for it first skips the scan.
	if (settings.maskEmails && result.includes('@')) result = result.replace(EMAIL_PATTERN, ' <email> ');
	if (settings.maskIds && ID_OR_NUMBER_MARK.test(result)) result = result.replace(ID_PATTERN, ' <id> ');
	if (settings.maskNumbers && DIGIT.test(result)) result = result.replace(NUMBER_PATTERN, ' <num> ');
	return result.replace(WHITESPACE, ' ').trim();
}
