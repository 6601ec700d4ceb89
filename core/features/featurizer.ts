import { DEFAULT_NORMALIZE_OPTIONS, normalizeText, type NormalizeOptions } from '../text/normalize';
import { detectLanguage, type Language } from '../text/language';
import { segmenterFor, tokenizeNormalized, type ChineseSegmenter, type Token } from '../text/tokenize';
import { afinnValence } from '../text/afinn';
import { BucketCounts } from './bucketCounts';
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
	/**
	 * Word terms from an English negation cue (not, never, n't, …) to the end of its clause take a negated
	 * form, so that "not good" and "good" are learned apart; character n-grams stay as they are. Chinese
	 * needs none: jieba keeps 不好, 没用 … as words of their own (marking 不/没 scopes did not help on
	 * ChnSentiCorp dev).
	 */
	markNegation: boolean;
	/**
	 * English words rated by the AFINN-165 word list also count as one of four shared word features —
	 * positive, negative, and each under a negation cue's scope (see `markNegation`) — so that what the
	 * model learns from rated words it has seen carries over to rated words it has not, and to a
	 * negated "disappoint" it has rarely seen.
	 */
	sentimentLexicon: boolean;
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
	markNegation: false,
	sentimentLexicon: false,
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
	for (const field of ['markNegation', 'sentimentLexicon'] as const) {
		if (typeof config[field] !== 'boolean') fail(field, 'must be true or false');
	}
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
const LEXICON = 0x6c; // l
const SEPARATOR = 0x1f;
const WORD_BOUNDARY = 0x01;

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Turns messages into hashed word and character n-gram features. Its only state besides the config is
 * scratch space reused by each (synchronous) featurize call.
 */
export class Featurizer {
	readonly config: FeaturizerConfig;
	private readonly mask: number;
	private readonly segmenter: ChineseSegmenter;
	private readonly wordCounts = new BucketCounts();
	private readonly charCounts = new BucketCounts();

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
		const words = this.wordCounts;
		const chars = this.charCounts;
		words.clear();
		chars.clear();
		const { markNegation, sentimentLexicon } = this.config;
		const negated = markNegation || sentimentLexicon ? negationScopes(tokens) : [];
		this.addWordNgrams(
			tokens.map((token, i) => (markNegation && negated[i] ? NEGATED + token.term : token.term)),
			words,
		);
		if (sentimentLexicon) this.addLexiconPolarity(tokens, negated, words);
		this.addCharNgrams(tokens, chars);
		// Each block is normalized on its own, so that the many character n-grams do not drown the words.
		this.weigh(words);
		this.weigh(chars);
		const wordShare = chars.size === 0 ? 1 : words.size === 0 ? 0 : this.config.wordShare;
		const squared = this.config.vectorNormalization === 'l2';
		const wordFactor = squared ? Math.sqrt(wordShare) : wordShare;
		const charFactor = squared ? Math.sqrt(1 - wordShare) : 1 - wordShare;
		// Word ids first, then the character ids not among them, each in first-seen order; an id in both sums.
		const ids = new Int32Array(words.size + chars.size);
		const weights = new Float64Array(ids.length);
		ids.set(words.ids.subarray(0, words.size));
		for (let slot = 0; slot < words.size; slot++) weights[slot] = words.values[slot] * wordFactor;
		let size = words.size;
		for (let slot = 0; slot < chars.size; slot++) {
			const id = chars.ids[slot];
			const inWords = words.slotOf(id);
			if (inWords >= 0) {
				weights[inWords] += chars.values[slot] * charFactor;
			} else {
				ids[size] = id;
				weights[size++] = chars.values[slot] * charFactor;
			}
		}
		return { ids: ids.slice(0, size), weights: Float32Array.from(weights.subarray(0, size)), language };
	}

	/** Pads messages' features into one batch (id 0 with weight 0 fills the gaps). */
	static pad(messages: readonly MessageFeatures[]): FeatureBatch {
		const length = Math.max(1, ...messages.map((message) => message.ids.length));
		const ids = new BigInt64Array(messages.length * length);
		// Ids are < 2^30: on little-endian machines the low 32-bit half of each cell is the id and the high
		// half stays 0, which spares a BigInt per id.
		const halves = new Int32Array(ids.buffer);
		const weights = new Float32Array(messages.length * length);
		messages.forEach((message, row) => {
			const offset = row * length;
			for (let i = 0; i < message.ids.length; i++) {
				if (LITTLE_ENDIAN) halves[2 * (offset + i)] = message.ids[i];
				else ids[offset + i] = BigInt(message.ids[i]);
			}
			weights.set(message.weights, offset);
		});
		return { ids, weights, batchSize: messages.length, length };
	}

	private addWordNgrams(terms: readonly string[], counts: BucketCounts): void {
		for (let start = 0; start < terms.length; start++) {
			let hash = hashString(hashByte(FNV_OFFSET_BASIS, WORD), terms[start]);
			this.count(counts, hash);
			hash = hashByte(FNV_OFFSET_BASIS, WORD_NGRAM);
			hash = hashString(hash, terms[start]);
			for (let n = 2; n <= this.config.wordNgrams && start + n <= terms.length; n++) {
				hash = hashString(hashByte(hash, SEPARATOR), terms[start + n - 1]);
				this.count(counts, hash);
			}
		}
	}

	private addLexiconPolarity(tokens: readonly Token[], negated: readonly boolean[], counts: BucketCounts): void {
		tokens.forEach((token, i) => {
			const valence = token.kind === 'latin' ? afinnValence(token.text) : undefined;
			if (!valence) return;
			const polarity = (negated[i] ? NEGATED : '') + (valence > 0 ? '+' : '-');
			this.count(counts, hashString(hashByte(FNV_OFFSET_BASIS, LEXICON), polarity));
		});
	}

	private addCharNgrams(tokens: readonly Token[], counts: BucketCounts): void {
		const [minChar, maxChar] = this.config.charNgrams;
		const [minHan, maxHan] = this.config.hanCharNgrams;
		let hanRun = '';
		for (const token of tokens) {
			if (token.kind === 'han') {
				hanRun += token.text;
				continue;
			}
			if (hanRun !== '') this.addNgrams(hanRun, HAN_NGRAM, minHan, maxHan, false, counts);
			hanRun = '';
			if (token.kind === 'latin' || token.kind === 'other') {
				this.addNgrams(token.text, CHAR_NGRAM, minChar, maxChar, true, counts);
			}
		}
		if (hanRun !== '') this.addNgrams(hanRun, HAN_NGRAM, minHan, maxHan, false, counts);
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
		counts: BucketCounts,
	): void {
		if (min === 0) return;
		const shift = bounded ? 1 : 0;
		const length = text.length + 2 * shift;
		for (let start = 0; start < length; start++) {
			let hash = hashByte(FNV_OFFSET_BASIS, family);
			for (let n = 1; n <= max && start + n <= length; n++) {
				const position = start + n - 1;
				hash =
					bounded && (position === 0 || position === length - 1)
						? hashByte(hash, WORD_BOUNDARY)
						: hashString(hash, text, position - shift, position - shift + 1);
				// A lone boundary mark is not a feature.
				if (n >= min && !(bounded && n === 1 && (start === 0 || start === length - 1))) this.count(counts, hash);
			}
		}
	}

	private count(counts: BucketCounts, hash: number): void {
		counts.increment(finishHash(hash) & this.mask);
	}

	/** Count transform, then normalization to unit L2 norm or unit sum, in place. */
	private weigh(counts: BucketCounts): void {
		const { values, size } = counts;
		const l2 = this.config.vectorNormalization === 'l2';
		let total = 0;
		for (let slot = 0; slot < size; slot++) {
			const weight = termWeight(values[slot], this.config.termWeighting);
			values[slot] = weight;
			total += l2 ? weight * weight : weight;
		}
		const scale = total === 0 ? 0 : l2 ? 1 / Math.sqrt(total) : 1 / total;
		for (let slot = 0; slot < size; slot++) values[slot] *= scale;
	}
}

const NEGATION_CUES = new Set([
	'not', 'no', 'never', 'cannot', 'nothing', 'nobody', 'none', 'nor', 'neither', 'nowhere', 'without', 'hardly',
	'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'cant', 'couldnt', 'wouldnt', 'shouldnt', 'wont',
	'havent', 'hasnt', 'hadnt', 'aint',
]);
const NEGATED = '\u00ac';

const isNegationCue = (token: Token, previous: Token | undefined): boolean =>
	NEGATION_CUES.has(token.text) ||
	token.text.endsWith("n't") ||
	// "don’t" with a typographic apostrophe reaches the featurizer as "don" + "t".
	(token.text === 't' && !token.clauseStart && previous !== undefined && previous.text.endsWith('n'));

/** Whether each token is in a negation cue's scope: after the cue, until the clause ends. */
function negationScopes(tokens: readonly Token[]): boolean[] {
	let negated = false;
	return tokens.map((token, i) => {
		if (token.clauseStart) negated = false;
		const inScope = negated;
		if (isNegationCue(token, tokens[i - 1])) negated = true;
		return inScope;
	});
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
