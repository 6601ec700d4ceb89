import { DEFAULT_NORMALIZE_OPTIONS, normalizeText, type NormalizeOptions } from '../text/normalize';
import { detectLanguage, type Language } from '../text/language';
import { segmenterFor, tokenizeNormalized, type ChineseSegmenter, type Token } from '../text/tokenize';
import { FNV_OFFSET_BASIS, finishHash, hashByte, hashString } from './hash';

/** How texts become hashed features. Saved with every model: prediction must featurize identically. */
export interface FeaturizerConfig {
	/** Feature-extraction version; bumped whenever the same config would give other ids. */
	version: 1;
	/** Number of hash buckets, a power of two (ids are 0 … buckets − 1). */
	buckets: number;
	/** Longest word n-gram over tokens (1: words only, 2: + bigrams, …). */
	wordNgrams: number;
	/** Character n-gram lengths inside Latin and other-script words, padded with a boundary mark. */
	charNgrams: [min: number, max: number];
	/** Character n-gram lengths over runs of Chinese characters. */
	hanCharNgrams: [min: number, max: number];
	/** Count transform before normalization: `sqrt`/`log` damp repeats, `binary` ignores them. */
	termWeighting: 'count' | 'sqrt' | 'log' | 'binary';
	/** `l2`: unit-length feature vector (TF-IDF style); `mean`: weights sum to 1 (masked mean). */
	vectorNormalization: 'l2' | 'mean';
	/**
	 * Share of the vector's (squared, with `l2`) norm given to word features; characters get the rest.
	 * Each block is normalized separately, like a union of a word and a character TF-IDF vectorizer.
	 */
	wordShare: number;
	/** Characters kept from each message; the rest is cut before any work (a 1 MB message stays fast). */
	maxChars: number;
	/** Tokens kept from each message after tokenization. */
	maxTokens: number;
	normalize: Required<NormalizeOptions>;
	/** jieba user dictionary (`word freq [tag]` lines) this model was trained with. */
	userDictionary: string;
}

export const DEFAULT_FEATURIZER_CONFIG: FeaturizerConfig = {
	version: 1,
	buckets: 1 << 20,
	wordNgrams: 2,
	charNgrams: [3, 5],
	hanCharNgrams: [1, 3],
	termWeighting: 'sqrt',
	vectorNormalization: 'l2',
	wordShare: 0.5,
	maxChars: 5000,
	maxTokens: 2500,
	normalize: { ...DEFAULT_NORMALIZE_OPTIONS },
	userDictionary: '',
};

export class FeaturizerConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FeaturizerConfigError';
	}
}

/** Fills defaults and rejects settings that cannot work, naming the field. */
export function resolveFeaturizerConfig(partial: Partial<FeaturizerConfig> = {}): FeaturizerConfig {
	const config: FeaturizerConfig = {
		...DEFAULT_FEATURIZER_CONFIG,
		...partial,
		normalize: { ...DEFAULT_FEATURIZER_CONFIG.normalize, ...partial.normalize },
	};
	const fail = (field: string, why: string) => {
		throw new FeaturizerConfigError(`featurizer ${field} ${why}`);
	};
	if (config.version !== 1) fail('version', `${String(config.version)} is not supported (expected 1)`);
	if (!Number.isInteger(Math.log2(config.buckets)) || config.buckets < 2 || config.buckets > 2 ** 30) {
		fail('buckets', `must be a power of two between 2 and 2^30, got ${config.buckets}`);
	}
	if (!Number.isInteger(config.wordNgrams) || config.wordNgrams < 0) fail('wordNgrams', 'must be an integer ≥ 0');
	for (const field of ['charNgrams', 'hanCharNgrams'] as const) {
		const [min, max] = config[field];
		if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
			fail(field, `must be [min, max] with 0 ≤ min ≤ max (0 disables), got [${min}, ${max}]`);
		}
	}
	if (!['count', 'sqrt', 'log', 'binary'].includes(config.termWeighting)) fail('termWeighting', 'is unknown');
	if (!['l2', 'mean'].includes(config.vectorNormalization)) fail('vectorNormalization', 'is unknown');
	if (!(config.wordShare >= 0 && config.wordShare <= 1)) fail('wordShare', 'must be between 0 and 1');
	for (const field of ['maxChars', 'maxTokens'] as const) {
		if (!Number.isInteger(config[field]) || config[field] < 1) fail(field, 'must be a positive integer');
	}
	return config;
}

/** Features of one message: distinct bucket ids with their weights. */
export interface MessageFeatures {
	ids: Int32Array;
	weights: Float32Array;
	language: Language;
}

/** A padded batch as the ONNX model takes it: `ids` and `weights` are `[batchSize, length]`. */
export interface FeatureBatch {
	ids: BigInt64Array;
	weights: Float32Array;
	batchSize: number;
	length: number;
}

// One byte per feature family, fed first, so that e.g. the word "ab" and the n-gram "ab" differ.
const WORD = 0x77; // w
const WORD_NGRAM = 0x6e; // n
const CHAR_NGRAM = 0x63; // c
const HAN_NGRAM = 0x68; // h
const SEPARATOR = 0x1f;
const WORD_BOUNDARY = 0x01;

/** Turns messages into hashed word and character n-gram features. Stateless apart from its config. */
export class Featurizer {
	readonly config: FeaturizerConfig;
	private readonly mask: number;
	private readonly segmenter: ChineseSegmenter;

	constructor(config: Partial<FeaturizerConfig> = {}) {
		this.config = resolveFeaturizerConfig(config);
		this.mask = this.config.buckets - 1;
		this.segmenter = segmenterFor(this.config.userDictionary);
	}

	/** Normalized text, tokens and language of one message (for display and debugging). */
	analyze(text: string): { normalized: string; tokens: Token[]; language: Language } {
		const normalized = normalizeText(text.slice(0, this.config.maxChars), this.config.normalize);
		const tokens = tokenizeNormalized(normalized, this.segmenter).slice(0, this.config.maxTokens);
		return { normalized, tokens, language: detectLanguage(normalized) };
	}

	featurize(text: string): MessageFeatures {
		const { tokens, language } = this.analyze(text);
		const wordCounts = new Map<number, number>();
		const charCounts = new Map<number, number>();
		this.addWordNgrams(tokens, this.counter(wordCounts));
		this.addCharNgrams(tokens, this.counter(charCounts));
		// Each block is normalized on its own, so that the many character n-grams do not drown the words.
		const words = this.weigh(wordCounts);
		const chars = this.weigh(charCounts);
		const wordShare = chars.size === 0 ? 1 : words.size === 0 ? 0 : this.config.wordShare;
		const merged = new Map<number, number>();
		const blend = (block: Map<number, number>, factor: number) => {
			for (const [id, weight] of block) merged.set(id, (merged.get(id) ?? 0) + weight * factor);
		};
		const squared = this.config.vectorNormalization === 'l2';
		blend(words, squared ? Math.sqrt(wordShare) : wordShare);
		blend(chars, squared ? Math.sqrt(1 - wordShare) : 1 - wordShare);
		return { ids: Int32Array.from(merged.keys()), weights: Float32Array.from(merged.values()), language };
	}

	private counter(counts: Map<number, number>): (hash: number) => void {
		return (hash) => {
			const id = finishHash(hash) & this.mask;
			counts.set(id, (counts.get(id) ?? 0) + 1);
		};
	}

	/** Pads messages' features into one batch (id 0 with weight 0 fills the gaps). */
	static pad(messages: readonly MessageFeatures[]): FeatureBatch {
		const length = Math.max(1, ...messages.map((message) => message.ids.length));
		const ids = new BigInt64Array(messages.length * length);
		const weights = new Float32Array(messages.length * length);
		messages.forEach((message, row) => {
			const offset = row * length;
			for (let i = 0; i < message.ids.length; i++) ids[offset + i] = BigInt(message.ids[i]);
			weights.set(message.weights, offset);
		});
		return { ids, weights, batchSize: messages.length, length };
	}

	private addWordNgrams(tokens: readonly Token[], add: (hash: number) => void): void {
		for (let start = 0; start < tokens.length; start++) {
			let hash = hashString(hashByte(FNV_OFFSET_BASIS, WORD), tokens[start].term);
			add(hash);
			hash = hashByte(FNV_OFFSET_BASIS, WORD_NGRAM);
			hash = hashString(hash, tokens[start].term);
			for (let n = 2; n <= this.config.wordNgrams && start + n <= tokens.length; n++) {
				hash = hashString(hashByte(hash, SEPARATOR), tokens[start + n - 1].term);
				add(hash);
			}
		}
	}

	private addCharNgrams(tokens: readonly Token[], add: (hash: number) => void): void {
		const [minChar, maxChar] = this.config.charNgrams;
		const [minHan, maxHan] = this.config.hanCharNgrams;
		let hanRun = '';
		for (const token of tokens) {
			if (token.kind === 'han') {
				hanRun += token.text;
				continue;
			}
			if (hanRun !== '') this.addNgrams(hanRun, HAN_NGRAM, minHan, maxHan, false, add);
			hanRun = '';
			if (token.kind === 'latin' || token.kind === 'other') {
				this.addNgrams(token.text, CHAR_NGRAM, minChar, maxChar, true, add);
			}
		}
		if (hanRun !== '') this.addNgrams(hanRun, HAN_NGRAM, minHan, maxHan, false, add);
	}

	/**
	 * Character n-grams of `text`; with `bounded`, the word is framed by boundary marks first
	 * (like fastText's "<word>"), so prefixes and suffixes get n-grams of their own.
	 */
	private addNgrams(
		text: string,
		family: number,
		min: number,
		max: number,
		bounded: boolean,
		add: (hash: number) => void,
	): void {
		if (min === 0) return;
		const length = text.length + (bounded ? 2 : 0);
		const feed = (hash: number, position: number) =>
			bounded && (position === 0 || position === length - 1)
				? hashByte(hash, WORD_BOUNDARY)
				: hashString(hash, text, position - (bounded ? 1 : 0), position - (bounded ? 1 : 0) + 1);
		for (let start = 0; start < length; start++) {
			let hash = hashByte(FNV_OFFSET_BASIS, family);
			for (let n = 1; n <= max && start + n <= length; n++) {
				hash = feed(hash, start + n - 1);
				// A lone boundary mark is not a feature.
				if (n >= min && !(bounded && n === 1 && (start === 0 || start === length - 1))) add(hash);
			}
		}
	}

	/** Count transform, then normalization to unit L2 norm or unit sum. */
	private weigh(counts: Map<number, number>): Map<number, number> {
		let total = 0;
		for (const [id, count] of counts) {
			const weight = termWeight(count, this.config.termWeighting);
			counts.set(id, weight);
			total += this.config.vectorNormalization === 'l2' ? weight * weight : weight;
		}
		const scale = total === 0 ? 0 : this.config.vectorNormalization === 'l2' ? 1 / Math.sqrt(total) : 1 / total;
		for (const [id, weight] of counts) counts.set(id, weight * scale);
		return counts;
	}
}

function termWeight(count: number, weighting: FeaturizerConfig['termWeighting']): number {
	switch (weighting) {
		case 'count':
			return count;
		case 'sqrt':
			return Math.sqrt(count);
		case 'log':
			return 1 + Math.log(count);
		case 'binary':
			return 1;
	}
}
