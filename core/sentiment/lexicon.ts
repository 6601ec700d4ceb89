import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { normalizeText } from '../text/normalize';

/** Cues the lexicon files name: escalation cues, Chinese emotion cues and intensifiers. */
export const CUE_KINDS = [
	'threat',
	'churn',
	'repeat',
	'urgency',
	'manager',
	'anger',
	'profanity',
	'fear',
	'sadness',
	'joy',
	'intensifier',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

/** Phrases found in one message, by cue (each phrase once, as written in the lexicon). */
export type CueMatches = Partial<Record<CueKind, string[]>>;

/** A lexicon file or added phrase that cannot be used; the message names the source and line. */
export class LexiconError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LexiconError';
	}
}

/** Case folding, full-width → half-width and traditional → simplified, nothing masked: cues see the words. */
const MATCH_NORMALIZATION = { maskUrls: false, maskEmails: false, maskIds: false, maskNumbers: false } as const;

/** Cue-matching form of a message (typographic apostrophes as ASCII ones: "don’t" = "don't"). */
export const normalizeForCues = (text: string): string => normalizeText(text, MATCH_NORMALIZATION).replace(/[‘’]/g, "'");

const WORD_CHAR = /[a-z0-9]/;
/** Whether the character at `at` is a Latin letter or digit (lower case: the text is normalized). */
const isWordChar = (text: string, at: number): boolean => {
	const code = text.charCodeAt(at);
	return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
};
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A phrase as a regular expression: Latin words match whole (no letter or digit of the Latin
 * alphabet just before or after), Chinese phrases anywhere, a trailing `*` any word ending.
 */
function phrasePattern(phrase: string): string {
	const open = phrase.endsWith('*');
	const body = open ? phrase.slice(0, -1) : phrase;
	let pattern = escapeRegExp(body).replace(/ +/g, '\\s+');
	if (WORD_CHAR.test(body[0])) pattern = `(?<![a-z0-9])${pattern}`;
	if (open) pattern += "[a-z0-9']*";
	else if (WORD_CHAR.test(body[body.length - 1])) pattern += '(?![a-z0-9])';
	return pattern;
}

/**
 * Curated cue phrases by kind, matched in normalized text. Built from the lexicon files shipped in
 * `lexicon/` (zh.txt, en.txt) and extendable with phrases of one's own.
 */
export class CueLexicon {
	private readonly phrases = new Map<CueKind, Set<string>>();
	private compiled: Map<string, PhraseMatcher[]> | undefined;

	/** Parses lexicon text: `[kind]` section lines, one phrase per line, `#` comments. */
	static parse(text: string, source: string): CueLexicon {
		return new CueLexicon().addText(text, source);
	}

	/** The lexicons shipped with the package, Chinese and English (read on first use). */
	static builtIn(): CueLexicon {
		builtInText ??= ['zh', 'en'].map((language) => {
			const path = join(__dirname, 'lexicon', `${language}.txt`);
			return { text: readFileSync(path, 'utf8'), path };
		});
		const lexicon = new CueLexicon();
		for (const { text, path } of builtInText) lexicon.addText(text, path);
		return lexicon;
	}

	addText(text: string, source: string): this {
		let kind: CueKind | undefined;
		text.split(/\r?\n/).forEach((rawLine, index) => {
			const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
			if (line === '') return;
			const section = /^\[(.+)\]$/.exec(line);
			if (section) {
				kind = cueKind(section[1].trim(), `${source} line ${index + 1}`);
			} else if (kind === undefined) {
				throw new LexiconError(`${source} line ${index + 1}: "${line}" comes before any [section] line (e.g. [threat])`);
			} else {
				this.add(kind, [line]);
			}
		});
		return this;
	}

	/** Adds phrases to a cue (case and width do not matter, traditional characters are simplified). */
	add(kind: CueKind, phrases: readonly string[]): this {
		const known = this.phrases.get(kind) ?? new Set<string>();
		for (const phrase of phrases) {
			const normalized = normalizeForCues(phrase).trim();
			if (normalized.replace(/\*$/, '') !== '') known.add(normalized);
		}
		this.phrases.set(kind, known);
		this.compiled = undefined;
		return this;
	}

	/**
	 * Cue words found in `normalized` (text from {@link normalizeForCues}), as the message has them
	 * ("lawyers" for the phrase `lawyer*`): they are the reasons agents read. Per cue, matches are found
	 * left to right without overlapping, the longest phrase first where several start at one place.
	 */
	match(normalized: string): CueMatches {
		this.compiled ??= this.compile();
		const found = new Map<CueKind, Set<string>>();
		// Where each cue's next match may start (after the end of its last one).
		const nextFree = new Map<CueKind, number>();
		for (let at = 0; at < normalized.length; at++) {
			const candidates = this.compiled.get(normalized[at]);
			// Phrases that start with a Latin letter or digit start a word too.
			if (candidates === undefined || (at > 0 && isWordChar(normalized, at) && isWordChar(normalized, at - 1))) continue;
			for (const { kind, second, pattern } of candidates) {
				if ((second !== undefined && normalized[at + 1] !== second) || at < (nextFree.get(kind) ?? 0)) continue;
				pattern.lastIndex = at;
				const match = pattern.exec(normalized);
				if (match === null) continue;
				nextFree.set(kind, at + match[0].length);
				const words = found.get(kind) ?? new Set<string>();
				words.add(match[0].replace(/\s+/g, ' '));
				found.set(kind, words);
			}
		}
		const matches: CueMatches = {};
		for (const kind of this.phrases.keys()) {
			const words = found.get(kind);
			if (words) matches[kind] = [...words];
		}
		return matches;
	}

	/**
	 * Phrases by their first character, each as a sticky expression tried where that character (and its
	 * second one) is: one pass over the message instead of one per cue (the lexicons have hundreds of
	 * phrases).
	 */
	private compile(): Map<string, PhraseMatcher[]> {
		const byFirst = new Map<string, PhraseMatcher[]>();
		for (const [kind, phrases] of this.phrases) {
			// Longest first, so that "立刻退款" wins over "立刻" where both start at the same place.
			for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
				const matchers = byFirst.get(phrase[0]) ?? [];
				const body = phrase.replace(/\*$/, '');
				matchers.push({ kind, second: body.length > 1 ? body[1] : undefined, pattern: new RegExp(phrasePattern(phrase), 'uy') });
				byFirst.set(phrase[0], matchers);
			}
		}
		return byFirst;
	}
}

interface PhraseMatcher {
	kind: CueKind;
	/** The phrase's second character, checked before its expression (whitespace is one space in cue text). */
	second: string | undefined;
	pattern: RegExp;
}

let builtInText: Array<{ text: string; path: string }> | undefined;

function cueKind(name: string, where: string): CueKind {
	if ((CUE_KINDS as readonly string[]).includes(name)) return name as CueKind;
	throw new LexiconError(`${where}: unknown section [${name}] (known: ${CUE_KINDS.join(', ')})`);
}
