import type { Jieba } from '@node-rs/jieba';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

import { normalizeText, PLACEHOLDERS, type NormalizeOptions } from './normalize';

export type TokenKind = 'han' | 'latin' | 'other' | 'placeholder' | 'symbol';

export interface Token {
	/** The token as it appears in the (normalized) text. */
	text: string;
	/** What features are built from: the Porter stem for Latin words, the text otherwise. */
	term: string;
	kind: TokenKind;
	/** Set when clause punctuation (. , ; : ! ? …) stands between this token and the one before. */
	clauseStart?: true;
}

/** Frequency given to user words without one: high enough that jieba keeps them whole. */
export const DEFAULT_USER_WORD_FREQUENCY = 1000;

export class UserDictionaryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UserDictionaryError';
	}
}

/** Word normalization for dictionaries: the same folding as messages get, without masking. */
const normalizeWord = (word: string): string =>
	normalizeText(word, { maskUrls: false, maskEmails: false, maskIds: false, maskNumbers: false });

/**
 * Parses `word freq [tag]` lines (blank lines and `#` comments allowed) into jieba's dictionary
 * format, normalizing each word like messages are normalized so that it matches them.
 */
export function parseUserDictionary(text: string): string {
	const lines: string[] = [];
	text.split(/\r?\n/).forEach((raw, index) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) return;
		const [word, freq, tag, ...rest] = line.split(/\s+/);
		const where = `user dictionary line ${index + 1} ("${line}")`;
		if (rest.length > 0) throw new UserDictionaryError(`${where}: expected "word freq [tag]"`);
		if (freq !== undefined && !/^\d+$/.test(freq)) {
			throw new UserDictionaryError(`${where}: frequency must be a whole number`);
		}
		const normalized = normalizeWord(word);
		if (normalized === '' || /\s/.test(normalized)) throw new UserDictionaryError(`${where}: empty word`);
		lines.push([normalized, freq ?? String(DEFAULT_USER_WORD_FREQUENCY), tag].filter(Boolean).join(' '));
	});
	return lines.join('\n');
}

/**
 * Chinese word segmentation with jieba's default dictionary plus user words. The dictionary
 * (≈ 0.5 s, 50 MB) loads on the first Chinese text, not before.
 */
export class ChineseSegmenter {
	private jieba: Jieba | undefined;
	private readonly userDictionaries: string[] = [];

	/** @param userDictionary `word freq [tag]` lines applied on top of jieba's default dictionary. */
	constructor(userDictionary = '') {
		if (userDictionary.trim() !== '') this.loadUserDictionary(userDictionary);
	}

	cut(text: string): string[] {
		return this.instance().cut(text, true);
	}

	/** Adds `word freq [tag]` lines; throws {@link UserDictionaryError} naming a bad line. */
	loadUserDictionary(text: string): void {
		const parsed = parseUserDictionary(text);
		if (parsed === '') return;
		this.userDictionaries.push(parsed);
		this.jieba?.loadDict(Buffer.from(parsed));
	}

	/** Adds words (e.g. knowledge-graph entity names) so that segmentation keeps each one whole. */
	addUserWords(words: readonly string[], frequency = DEFAULT_USER_WORD_FREQUENCY): void {
		const lines = words
			.flatMap((word) => word.split(/\s+/))
			.filter((word) => word !== '')
			.map((word) => `${word} ${frequency}`);
		this.loadUserDictionary(lines.join('\n'));
	}

	private instance(): Jieba {
		if (this.jieba === undefined) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
			const jieba = Jieba.withDict(dict);
			for (const parsed of this.userDictionaries) jieba.loadDict(Buffer.from(parsed));
			this.jieba = jieba;
		}
		return this.jieba;
	}
}

const segmenters = new Map<string, ChineseSegmenter>();

/**
 * The process-wide segmenter for a fixed user dictionary (`''`: jieba's default dictionary only).
 * Classifiers use these, so their tokenization never changes when other code adds user words.
 */
export function segmenterFor(userDictionary: string): ChineseSegmenter {
	let segmenter = segmenters.get(userDictionary);
	if (segmenter === undefined) {
		segmenter = new ChineseSegmenter(userDictionary);
		segmenters.set(userDictionary, segmenter);
	}
	return segmenter;
}

let sharedSegmenter: ChineseSegmenter | undefined;

/** The process-wide segmenter that {@link addUserWords} and {@link loadUserDictionary} extend. */
export function sharedChineseSegmenter(): ChineseSegmenter {
	sharedSegmenter ??= new ChineseSegmenter();
	return sharedSegmenter;
}

/** Adds words to the shared segmenter used by {@link tokenize} (not to trained classifiers). */
export function addUserWords(words: readonly string[], frequency?: number): void {
	sharedChineseSegmenter().addUserWords(words, frequency);
}

/** Adds `word freq [tag]` lines to the shared segmenter used by {@link tokenize}. */
export function loadUserDictionary(text: string): void {
	sharedChineseSegmenter().loadUserDictionary(text);
}

const englishTokenizer = new AggressiveTokenizer();
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

function stem(word: string): string {
	let stemmed = stemCache.get(word);
	if (stemmed === undefined) {
		stemmed = PorterStemmer.stem(word);
		if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
		stemCache.set(word, stemmed);
	}
	return stemmed;
}

const PLACEHOLDER_SPLIT = new RegExp(`(${PLACEHOLDERS.join('|')})`);
// Han runs, single pictographs, printable ASCII stretches (for natural's tokenizer), other-script words.
const SCRIPT_RUN = /(\p{Script=Han}+)|(\p{Extended_Pictographic})|([ -~]+)|([\p{L}\p{N}\p{M}]+)/gu;
const HAS_ALPHANUMERIC = /[a-z0-9]/i;

const CLAUSE_PUNCTUATION = new Set(Array.from('.,;:!?()"…。，；：！？、', (mark) => mark.charCodeAt(0)));

const hasClausePunctuation = (text: string, from: number, to: number): boolean => {
	for (let i = from; i < to; i++) if (CLAUSE_PUNCTUATION.has(text.charCodeAt(i))) return true;
	return false;
};

/** Appends `token`, marked as a clause start when clause punctuation came before it; returns false (no break pending). */
function pushToken(tokens: Token[], token: Token, afterClauseBreak: boolean): false {
	if (afterClauseBreak) token.clauseStart = true;
	tokens.push(token);
	return false;
}

function tokenizeRun(text: string, segmenter: ChineseSegmenter, tokens: Token[]): void {
	// Whether the text skipped since the last token ended a clause (the next token then starts one).
	let clauseBreak = false;
	let end = 0;
	for (const match of text.matchAll(SCRIPT_RUN)) {
		const [run, han, symbol, ascii, other] = match;
		clauseBreak ||= hasClausePunctuation(text, end, match.index);
		end = match.index + run.length;
		if (han !== undefined) {
			for (const word of segmenter.cut(han)) clauseBreak = pushToken(tokens, { text: word, term: word, kind: 'han' }, clauseBreak);
		} else if (symbol !== undefined) {
			clauseBreak = pushToken(tokens, { text: symbol, term: symbol, kind: 'symbol' }, clauseBreak);
		} else if (ascii !== undefined) {
			let cursor = 0;
			for (const word of englishTokenizer.tokenize(ascii)) {
				const at = ascii.indexOf(word, cursor);
				clauseBreak ||= hasClausePunctuation(ascii, cursor, at);
				cursor = at + word.length;
				if (HAS_ALPHANUMERIC.test(word)) clauseBreak = pushToken(tokens, { text: word, term: stem(word), kind: 'latin' }, clauseBreak);
			}
			clauseBreak ||= hasClausePunctuation(ascii, cursor, ascii.length);
		} else if (other !== undefined) {
			clauseBreak = pushToken(tokens, { text: other, term: other, kind: 'other' }, clauseBreak);
		}
	}
}

/** Tokens of text that {@link normalizeText} has already normalized. */
export function tokenizeNormalized(text: string, segmenter: ChineseSegmenter = sharedChineseSegmenter()): Token[] {
	const tokens: Token[] = [];
	text.split(PLACEHOLDER_SPLIT).forEach((part, index) => {
		// split() with a capture group puts the placeholders at odd indexes.
		if (index % 2 === 1) tokens.push({ text: part, term: part, kind: 'placeholder' });
		else if (part !== '') tokenizeRun(part, segmenter, tokens);
	});
	return tokens;
}

export interface TokenizeOptions {
	/** Normalization settings, or `false` when the text is already normalized. */
	normalize?: NormalizeOptions | false;
	/** Segmenter for Chinese (default: the shared one, with the user words added to it). */
	segmenter?: ChineseSegmenter;
}

/**
 * Tokens of a message in any mix of Chinese and English: jieba words for Han runs, natural's
 * aggressive tokenizer + Porter stems for Latin text, placeholders and emoji kept as tokens.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
	const normalized = options.normalize === false ? text : normalizeText(text, options.normalize);
	return tokenizeNormalized(normalized, options.segmenter);
}
