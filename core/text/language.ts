import { normalizeText } from './normalize';

export type Language = 'zh' | 'en' | 'mixed' | 'unknown';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
// Kana, Hangul, Cyrillic, Arabic, Thai, …: a language this package does not model.
const OTHER_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Greek}\p{Script=Hebrew}]/u;
const PLACEHOLDER = /<(?:url|email|id|num)>/g;

/** Below this share of the letters, a second script is a borrowed word, not a second language. */
const MIXED_MIN_SHARE = 0.15;

/**
 * Language of one message: `zh` (Han characters), `en` (Latin words), `mixed` (both, each with a
 * real share, e.g. "我的order还没到") or `unknown` (no letters, or mostly another script).
 */
export function detectLanguage(text: string): Language {
	const unmasked = text.replace(PLACEHOLDER, ' ');
	let han = 0;
	let latin = 0;
	let other = 0;
	// Latin letters count only when some word has two of them in a row (not "a", "x" alone).
	let latinWord = false;
	let previousLatin = false;
	// Character by character, ASCII without a regular expression: this runs on every message.
	for (let i = 0; i < unmasked.length; i++) {
		const code = unmasked.codePointAt(i)!;
		let isLatin = false;
		if (code < 0x80) {
			const lower = code | 0x20;
			isLatin = lower >= 0x61 && lower <= 0x7a;
		} else {
			const char = String.fromCodePoint(code);
			if (code > 0xffff) i++;
			if (HAN.test(char)) han++;
			else if (LATIN.test(char)) isLatin = true;
			else if (OTHER_SCRIPT.test(char)) other++;
		}
		if (isLatin) {
			latin++;
			latinWord ||= previousLatin;
		}
		previousLatin = isLatin;
	}
	if (!latinWord) latin = 0;
	const known = han + latin;
	if (known === 0 || other > known) return 'unknown';
	if (latin === 0) return 'zh';
	if (han === 0) return 'en';
	const hanShare = han / known;
	if (hanShare < MIXED_MIN_SHARE) return 'en';
	if (hanShare > 1 - MIXED_MIN_SHARE) return 'zh';
	return 'mixed';
}

/** Masking only: which letters a message has does not depend on case or traditional characters. */
const MASK_ONLY = { lowercase: false, traditionalToSimplified: false } as const;

/**
 * Language of a message's words: {@link detectLanguage} with URLs, e-mail addresses, ids and numbers
 * masked first ("我的订单 https://example.com/track 还没到" is zh, not mixed), as the intent models
 * detect it on their normalized text.
 */
export function languageOfWords(text: string): Language {
	return detectLanguage(normalizeText(text, MASK_ONLY));
}
