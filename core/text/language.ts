export type Language = 'zh' | 'en' | 'mixed' | 'unknown';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
// Kana, Hangul, Cyrillic, Arabic, Thai, …: a language this package does not model.
const OTHER_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Greek}\p{Script=Hebrew}]/gu;
const PLACEHOLDER = /<(?:url|email|id|num)>/g;

/** Below this share of the letters, a second script is a borrowed word, not a second language. */
const MIXED_MIN_SHARE = 0.15;

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/**
 * Language of one message: `zh` (Han characters), `en` (Latin words), `mixed` (both, each with a
 * real share, e.g. "我的order还没到") or `unknown` (no letters, or mostly another script).
 */
export function detectLanguage(text: string): Language {
	const unmasked = text.replace(PLACEHOLDER, ' ');
	const han = count(unmasked, HAN);
	const latinWords = count(unmasked, LATIN_WORD);
	const latin = latinWords === 0 ? 0 : count(unmasked, LATIN_LETTER);
	const other = count(unmasked, OTHER_SCRIPT);
	const known = han + latin;
	if (known === 0 || other > known) return 'unknown';
	if (latin === 0) return 'zh';
	if (han === 0) return 'en';
	const hanShare = han / known;
	if (hanShare < MIXED_MIN_SHARE) return 'en';
	if (hanShare > 1 - MIXED_MIN_SHARE) return 'zh';
	return 'mixed';
}
