import { normalizeText } from '../text/normalize';
import { displayName } from './displayName';
import type { Fact, GroundingIssue } from './types';

export interface GroundingSources {
	facts: Fact[];
	/** Other text the model was given and may repeat: the question, the customer's name, order fields. */
	context: string[];
	/** Names the reply must not use unless the facts do (competitors, carriers, payment brands…). */
	watchedNames: string[];
}

export interface GroundingCheck {
	issues: GroundingIssue[];
	/** Facts the reply repeats (their value, or most of a long one). */
	usedFacts: Fact[];
}

/** Comparable form: NFKC, case, simplified Chinese, no whitespace ("7 天" = "7天"). */
const comparable = (text: string) =>
	normalizeText(text, { maskUrls: false, maskEmails: false, maskIds: false, maskNumbers: false }).replace(/\s+/g, '');

// "1,299" is one number; so is "4.5". Separators inside codes ("400-820-0000", "8:00") split them.
const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/g;
// "1. …", "2) …", "3、…" at the start of a line number a list, they are not facts.
const LIST_MARKER = /^\s*\d+[.)、]\s*/gm;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9'’&-]*/g;
// A capital right after these starts a sentence or a quote, which says nothing about being a name.
const SENTENCE_OPENER = /(?:^|[.!?。！？:：;；\n"“「『(（\-–—•*])\s*$/u;
const QUOTED = /[“「『《"]([^”」』》"\n]{1,30})[”」』》"]/gu;
const FIRST_PERSON = /^I(?:['’][a-z]+)?$/;

/** Canonical spellings of a number: "1,299" → "1299", "09" → "9", "4.50" → "4.5". */
function numberForms(token: string): string[] {
	const plain = token.replace(/,/g, '');
	return [plain, String(Number(plain))];
}

/**
 * Checks a model's reply against what it was given: every number must occur in the facts or the
 * context (prices, times, phone numbers, days), and so must Latin-script names (PayPal, DHL, X1),
 * quoted names (「设置中心」) and the watched names. Chinese numerals and unquoted Chinese names other
 * than the watched ones are not checked.
 */
export function checkGrounding(reply: string, sources: GroundingSources): GroundingCheck {
	const sourceTexts = [
		...sources.facts.flatMap((fact) => [fact.subject, fact.object, displayName(fact.object, 'zh'), displayName(fact.object, 'en')]),
		...sources.context,
	];
	const sourceText = comparable(sourceTexts.join('\n'));
	const knownNumbers = new Set(sourceTexts.join('\n').normalize('NFKC').match(NUMBER)?.flatMap(numberForms) ?? []);
	const issues: GroundingIssue[] = [];
	const report = (kind: GroundingIssue['kind'], value: string, message: string) => {
		if (!issues.some((issue) => issue.kind === kind && issue.value === value)) issues.push({ kind, value, message });
	};

	const text = reply.normalize('NFKC');
	for (const token of text.replace(LIST_MARKER, '').match(NUMBER) ?? []) {
		if (!numberForms(token).some((form) => knownNumbers.has(form))) {
			report('number', token, `The number ${token} is not in the facts`);
		}
	}
	for (const match of text.matchAll(LATIN_WORD)) {
		const word = match[0].replace(/['’-]+$/, '');
		if (word.length < 2 || FIRST_PERSON.test(word) || !looksLikeName(word, text.slice(0, match.index))) continue;
		if (!sourceText.includes(comparable(word))) report('name', word, `The name "${word}" is not in the facts`);
	}
	for (const [, quoted] of text.matchAll(QUOTED)) {
		if (!sourceText.includes(comparable(quoted))) report('name', quoted, `"${quoted}" is not in the facts`);
	}
	const replyText = comparable(text);
	for (const name of sources.watchedNames) {
		const watched = comparable(name);
		if (watched !== '' && replyText.includes(watched) && !sourceText.includes(watched)) {
			report('name', name, `"${name}" is not in the facts`);
		}
	}
	const replyNumbers = new Set(text.match(NUMBER)?.flatMap(numberForms) ?? []);
	return { issues, usedFacts: sources.facts.filter((fact) => repeats(replyText, replyNumbers, fact)) };
}

/** "PayPal", "DHL", "X1", or a capitalised word inside a sentence. */
function looksLikeName(word: string, before: string): boolean {
	if (/[A-Z]/.test(word.slice(1)) || /\d/.test(word)) return true;
	return /^[A-Z]/.test(word) && !SENTENCE_OPENER.test(before);
}

/**
 * A reply uses a fact when it repeats the value: a short one whole (in either language's name) or all
 * of its numbers ("每天 9:00–21:00" → "9:00 到 21:00"), a long one mostly (character pairs).
 */
function repeats(replyText: string, replyNumbers: Set<string>, fact: Fact): boolean {
	const names = [fact.object, displayName(fact.object, 'zh'), displayName(fact.object, 'en')].map(comparable);
	if (names.some((name) => name.length > 0 && name.length <= 24 && replyText.includes(name))) return true;
	const numbers = fact.object.normalize('NFKC').match(NUMBER) ?? [];
	if (numbers.length > 0 && numbers.every((token) => numberForms(token).some((form) => replyNumbers.has(form)))) return true;
	const value = names[0].replace(/[\p{P}\p{S}]/gu, '');
	if (value.length <= 24) return false;
	const pairs = new Set<string>();
	for (let i = 0; i + 1 < value.length; i++) pairs.add(value.slice(i, i + 2));
	let found = 0;
	for (const pair of pairs) if (replyText.includes(pair)) found++;
	return found / pairs.size >= 0.5;
}
