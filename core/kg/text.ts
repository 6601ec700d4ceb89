import { languageOfWords } from '../text/language';
import { normalizeText } from '../text/normalize';
import { sharedChineseSegmenter, type ChineseSegmenter } from '../text/tokenize';

/**
 * The form names and messages are compared in: the text engine's normalization (width, case,
 * traditional → simplified, whitespace) without its placeholders, since names hold numbers
 * ("798艺术区") and ids.
 */
export function normalizeForMatching(text: string): string {
	return normalizeText(text, { maskUrls: false, maskEmails: false, maskIds: false, maskNumbers: false });
}

/**
 * Language of a question's words (a link's letters do not count) for picking language-tagged values;
 * mixed messages count as Chinese.
 */
export function questionLanguage(text: string): 'zh' | 'en' | undefined {
	const language = languageOfWords(text);
	if (language === 'unknown') return undefined;
	return language === 'en' ? 'en' : 'zh';
}

/** The text engine's process-wide jieba, which graph entity names are added to as user words. */
export function chineseSegmenter(): ChineseSegmenter {
	return sharedChineseSegmenter();
}
