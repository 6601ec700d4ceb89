import type { EntityRecord } from './types';

/** A span of the normalized text that names one or more entities (an alias may be shared). */
export interface EntityMention {
	start: number;
	end: number;
	surface: string;
	entities: string[];
}

interface TrieNode {
	children: Map<string, number>;
	fail: number;
	/** Index into `patterns` of the pattern ending here, or -1. */
	pattern: number;
	/** Nearest node on the fail chain that ends a pattern (dictionary suffix link), or -1. */
	outputLink: number;
}

/** Shorter names (one Chinese character, one letter) match inside too many words to mean an entity. */
const MIN_NAME_LENGTH = 2;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_OR_DIGIT = /[a-z0-9]/i;
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const ALL_HAN = /^\p{Script=Han}+$/u;

/**
 * Aho-Corasick automaton over the normalized names and aliases of a graph's entities. Finds every
 * occurrence in one pass over the text, then keeps the longest non-overlapping ones. A name that
 * starts or ends with a Latin letter or digit only matches at a word boundary there ("pay" is not
 * found in "paypal").
 */
export class EntityLinker {
	private readonly nodes: TrieNode[] = [newNode()];
	private readonly patterns: { text: string; entities: string[] }[] = [];

	/**
	 * @param owners normalized name → the entities it names (see `ownersByName`)
	 * @param segment Chinese word segmentation: where given, a name must start and end on word
	 *   boundaries inside Chinese text, so "南口" is not found in "东南口村"
	 */
	constructor(
		owners: ReadonlyMap<string, string[]>,
		private readonly normalize: (text: string) => string,
		private readonly segment?: (hanRun: string) => string[],
	) {
		for (const [pattern, entities] of owners) {
			if ([...pattern].length >= MIN_NAME_LENGTH) this.insert(pattern, entities);
		}
		this.linkFailures();
	}

	get size(): number {
		return this.patterns.length;
	}

	/** Longest non-overlapping mentions in `text` (normalized here), in text order. */
	link(text: string): EntityMention[] {
		const normalized = this.normalize(text);
		let found = this.findAll(normalized);
		if (this.segment && found.length > 0) {
			const boundaries = hanWordBoundaries(normalized, this.segment);
			// Only all-Chinese names: jieba sees a name like "百雅轩798艺术中心" as separate Han runs.
			found = found.filter((m) => !ALL_HAN.test(m.surface) || (boundaries.has(m.start) && boundaries.has(m.end)));
		}
		return selectLongestNonOverlapping(found);
	}

	/** Every occurrence of every name in already-normalized text, overlapping ones included. */
	findAll(normalized: string): EntityMention[] {
		const found: EntityMention[] = [];
		let state = 0;
		for (let i = 0; i < normalized.length; i++) {
			const char = normalized[i];
			while (state !== 0 && !this.nodes[state].children.has(char)) state = this.nodes[state].fail;
			state = this.nodes[state].children.get(char) ?? 0;
			for (let node = state; node !== -1; node = this.nodes[node].outputLink) {
				const patternIndex = this.nodes[node].pattern;
				if (patternIndex < 0) continue;
				const { text, entities } = this.patterns[patternIndex];
				const start = i + 1 - text.length;
				if (atWordBoundaries(normalized, start, i + 1)) found.push({ start, end: i + 1, surface: text, entities });
			}
		}
		return found;
	}

	private insert(pattern: string, entities: string[]): void {
		// UTF-16 units, as `findAll` walks the text.
		let state = 0;
		for (let i = 0; i < pattern.length; i++) {
			let next = this.nodes[state].children.get(pattern[i]);
			if (next === undefined) {
				next = this.nodes.length;
				this.nodes.push(newNode());
				this.nodes[state].children.set(pattern[i], next);
			}
			state = next;
		}
		this.nodes[state].pattern = this.patterns.length;
		this.patterns.push({ text: pattern, entities });
	}

	/** Breadth-first: failure links to the longest proper suffix in the trie, and output links. */
	private linkFailures(): void {
		const queue: number[] = [];
		for (const child of this.nodes[0].children.values()) {
			this.nodes[child].fail = 0;
			queue.push(child);
		}
		for (let head = 0; head < queue.length; head++) {
			const parent = queue[head];
			for (const [unit, child] of this.nodes[parent].children) {
				let fallback = this.nodes[parent].fail;
				while (fallback !== 0 && !this.nodes[fallback].children.has(unit)) fallback = this.nodes[fallback].fail;
				const target = this.nodes[fallback].children.get(unit);
				const fail = target !== undefined && target !== child ? target : 0;
				this.nodes[child].fail = fail;
				this.nodes[child].outputLink = this.nodes[fail].pattern >= 0 ? fail : this.nodes[fail].outputLink;
				queue.push(child);
			}
		}
	}
}

/**
 * Normalized name → the entities it names. A name that is some entity's canonical name names only
 * such entities, even where it is also another entity's alias.
 */
export function ownersByName(entities: Iterable<EntityRecord>, normalize: (text: string) => string): Map<string, string[]> {
	const canonical = new Map<string, Set<string>>();
	const aliased = new Map<string, Set<string>>();
	const add = (index: Map<string, Set<string>>, surface: string, name: string) => {
		const key = normalize(surface);
		let owners = index.get(key);
		if (!owners) index.set(key, (owners = new Set()));
		owners.add(name);
	};
	for (const { name, aliases } of entities) {
		add(canonical, name, name);
		for (const alias of aliases) add(aliased, alias, name);
	}
	const owners = new Map<string, string[]>();
	for (const [key, names] of aliased) owners.set(key, [...names]);
	for (const [key, names] of canonical) owners.set(key, [...names]);
	return owners;
}

function newNode(): TrieNode {
	return { children: new Map(), fail: 0, pattern: -1, outputLink: -1 };
}

function atWordBoundaries(text: string, start: number, end: number): boolean {
	const joinsBefore = LATIN_OR_DIGIT.test(text[start]) && start > 0 && isWordChar(text[start - 1]);
	const joinsAfter = LATIN_OR_DIGIT.test(text[end - 1]) && end < text.length && isWordChar(text[end]);
	return !joinsBefore && !joinsAfter;
}

function isWordChar(char: string): boolean {
	return LATIN_OR_DIGIT.test(char) || (WORD_CHAR.test(char) && !HAN.test(char));
}

/** Offsets in `text` where a Chinese word starts or ends. */
function hanWordBoundaries(text: string, segment: (hanRun: string) => string[]): Set<number> {
	const boundaries = new Set<number>();
	for (const run of text.matchAll(HAN_RUN)) {
		let offset = run.index;
		boundaries.add(offset);
		for (const word of segment(run[0])) boundaries.add((offset += word.length));
	}
	return boundaries;
}

/** Longest first (earliest on ties); a mention overlapping one already kept is dropped. */
export function selectLongestNonOverlapping(mentions: EntityMention[]): EntityMention[] {
	const byLength = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
	const kept: EntityMention[] = [];
	// Offsets covered by kept mentions: names are short, so checking their own span is cheap, where
	// comparing with every kept mention grew with the square of a long message's mentions.
	const covered = new Uint8Array(mentions.reduce((end, mention) => Math.max(end, mention.end), 0));
	for (const mention of byLength) {
		if (covered.subarray(mention.start, mention.end).includes(1)) continue;
		kept.push(mention);
		covered.fill(1, mention.start, mention.end);
	}
	return kept.sort((a, b) => a.start - b.start);
}
