import type { ReplyLanguage } from './types';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const BILINGUAL_NAME = /^(.+?)\s*[（(]([^（）()]+)[）)]$/u;

/** "支付宝 (Alipay)" reads "支付宝" in Chinese replies and "Alipay" in English ones; other names stay. */
export function displayName(name: string, language: ReplyLanguage): string {
	const match = BILINGUAL_NAME.exec(name);
	if (!match) return name;
	const [, outer, inner] = match;
	const isChinese = (part: string) => HAN.test(part);
	const isLatinOnly = (part: string) => LATIN.test(part) && !HAN.test(part);
	if (isChinese(outer) && isLatinOnly(inner)) return language === 'zh' ? outer : inner.trim();
	if (isLatinOnly(outer) && isChinese(inner)) return language === 'zh' ? inner.trim() : outer;
	return name;
}
