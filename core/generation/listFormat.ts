import type { ReplyLanguage } from './types';

export type ListKind = 'and' | 'or';

const CONNECTIVES: Record<ReplyLanguage, Record<ListKind, string>> = {
	zh: { and: '和', or: '或' },
	en: { and: ' and ', or: ' or ' },
};

const TERMINAL = /[。！？!?.…]$/u;
const CLAUSE_PUNCTUATION = /[，。；！？;!?]|[.,]\s/u;
/** Past these lengths a value reads as a clause, not a noun ("发货前可在订单页直接取消"). */
const CLAUSE_LENGTH: Record<ReplyLanguage, number> = { zh: 15, en: 40 };

/**
 * Joins values as a reader expects: "银行转账、支付宝或微信支付" / "bank transfer, Alipay or WeChat Pay".
 * Values that are clauses or sentences are written one sentence after another instead.
 */
export function formatList(values: readonly string[], language: ReplyLanguage, kind: ListKind = 'and'): string {
	const items = values.map((value) => value.trim()).filter((value) => value !== '');
	if (readsAsSentences(items, language)) return joinSentences(items, language);
	if (items.length <= 1) return items[0] ?? '';
	const separator = language === 'zh' ? '、' : ', ';
	return `${items.slice(0, -1).join(separator)}${CONNECTIVES[language][kind]}${items[items.length - 1]}`;
}

/** Whether values are clauses or sentences rather than names ("发货前可直接取消" vs "支付宝"). */
export function readsAsSentences(values: readonly string[], language: ReplyLanguage): boolean {
	return values.some((value) => isClause(value.trim(), language));
}

function isClause(value: string, language: ReplyLanguage): boolean {
	const wordCount = language === 'en' ? value.split(/\s+/).length : 0;
	return CLAUSE_PUNCTUATION.test(value) || value.length > CLAUSE_LENGTH[language] || wordCount > 6;
}

/** "A。B。" / "A. B." — every value closed as a sentence. */
export function joinSentences(values: readonly string[], language: ReplyLanguage): string {
	if (language === 'zh') return values.map((value) => (TERMINAL.test(value) ? value : `${value}。`)).join('');
	return values
		.map((value) => {
			const capitalized = value.charAt(0).toUpperCase() + value.slice(1);
			return TERMINAL.test(capitalized) ? capitalized : `${capitalized}.`;
		})
		.join(' ');
}

/**
 * Cleans what filling a template leaves behind: doubled sentence ends ("…取消。。", "…policy..") when a
 * value already ended its sentence, and runs of spaces. An ellipsis ("...") is kept.
 */
export function tidyPunctuation(text: string): string {
	return text
		.replace(/([。！？!?])[。.]/gu, '$1')
		.replace(/(?<!\.)\.\.(?!\.)/g, '.')
		.replace(/[ \t]{2,}/g, ' ')
		.replace(/ +([,.!?])/g, '$1')
		.trim();
}
