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
	private compiled: Array<{ kind: CueKind; pattern: RegExp; phrases: string[] }> | undefined;

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

	/** A copy, so that a node's own phrases never leak into the shared built-in lexicon. */
	clone(): CueLexicon {
		const copy = new CueLexicon();
		for (const [kind, phrases] of this.phrases) copy.add(kind, [...phrases]);
		return copy;
	}

	/**
	 * Cue words found in `normalized` (text from {@link normalizeForCues}), as the message has them
	 * ("lawyers" for the phrase `lawyer*`): they are the reasons agents read.
	 */
	match(normalized: string): CueMatches {
		this.compiled ??= [...this.phrases].map(([kind, phrases]) => {
			// Longest first, so that "立刻退款" wins over "立刻" where both start at the same place.
			const ordered = [...phrases].sort((a, b) => b.length - a.length);
			return { kind, phrases: ordered, pattern: new RegExp(ordered.map(phrasePattern).join('|'), 'gu') };
		});
		const matches: CueMatches = {};
		for (const { kind, phrases, pattern } of this.compiled) {
			if (phrases.length === 0) continue;
			const found = new Set<string>();
			for (const match of normalized.matchAll(pattern)) found.add(match[0].replace(/\s+/g, ' '));
			if (found.size > 0) matches[kind] = [...found];
		}
		return matches;
	}
}

let builtInText: Array<{ text: string; path: string }> | undefined;

function cueKind(name: string, where: string): CueKind {
	if ((CUE_KINDS as readonly string[]).includes(name)) return name as CueKind;
	throw new LexiconError(`${where}: unknown section [${name}] (known: ${CUE_KINDS.join(', ')})`);
}
