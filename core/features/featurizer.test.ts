import { Featurizer, FeaturizerConfigError, resolveFeaturizerConfig } from './featurizer';

const norm = (weights: Float32Array) => Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));

describe('Featurizer', () => {
	it('gives fixed bucket ids for a message (hashing is stable across runs and machines)', () => {
		const { ids, language } = new Featurizer({ buckets: 1024 }).featurize('我的order还没到');
		expect(Array.from(ids)).toEqual([
			295, 374, 491, 89, 401, 494, 981, 623, 635, 906, 404, 873, 72, 732, 847, 894, 880, 93, 248, 421, 930, 695, 38,
			800, 252, 654, 959, 20, 998, 866,
		]);
		expect(language).toBe('mixed');
	});

	it('gives word and character blocks equal shares of a unit vector', () => {
		const featurizer = new Featurizer({ charNgrams: [3, 5], wordNgrams: 2 });
		const { ids, weights } = featurizer.featurize('where is my card');
		expect(new Set(ids).size).toBe(ids.length);
		expect(norm(weights)).toBeCloseTo(1, 5);
		// 4 words + 3 bigrams share half of the squared norm.
		const words = new Featurizer({ charNgrams: [0, 0], hanCharNgrams: [0, 0] }).featurize('where is my card');
		expect(words.ids.length).toBe(7);
	});

	it('learns negated words apart until the clause ends, when asked to', () => {
		const wordsOnly = { charNgrams: [0, 0] as [number, number], hanCharNgrams: [0, 0] as [number, number], wordNgrams: 1 };
		const marking = new Featurizer({ ...wordsOnly, markNegation: true });
		const ids = (featurizer: Featurizer, text: string) => new Set(featurizer.featurize(text).ids);
		const good = [...ids(marking, 'good')][0];
		expect(ids(marking, 'not good')).not.toContain(good);
		expect(ids(marking, "it isn't very good")).not.toContain(good);
		expect(ids(marking, 'it isn’t very good')).not.toContain(good);
		expect(ids(marking, 'not bad, good')).toContain(good);
		expect(ids(marking, 'not bad. good')).toContain(good);
		// Off by default, so that models trained before the option featurize exactly as they were trained.
		expect(ids(new Featurizer(wordsOnly), 'not good')).toContain(good);
		// Chinese keeps its words: jieba already has 不好, 没用 … of their own.
		expect(ids(marking, '不 满意')).toEqual(ids(new Featurizer(wordsOnly), '不 满意'));
	});

	it('adds one shared feature per rated English word: its polarity, and whether negated, when asked to', () => {
		const wordsOnly = { charNgrams: [0, 0] as [number, number], hanCharNgrams: [0, 0] as [number, number], wordNgrams: 1 };
		const lexicon = new Featurizer({ ...wordsOnly, sentimentLexicon: true });
		const plain = new Featurizer(wordsOnly);
		/** The ids the lexicon adds to a message: its word features left out. */
		const added = (text: string) => {
			const words = new Set(plain.featurize(text).ids);
			return Array.from(lexicon.featurize(text).ids).filter((id) => !words.has(id));
		};
		const [positive] = added('great');
		expect(added('superb')).toEqual([positive]);
		// Counted per word: two rated words weigh more than one, not as two features.
		const twice = lexicon.featurize('great superb');
		expect(twice.ids.filter((id) => id === positive)).toHaveLength(1);
		expect(twice.weights[twice.ids.indexOf(positive)]).toBeGreaterThan(twice.weights[0]);
		const [negative] = added('awful');
		expect(negative).not.toBe(positive);
		const [negatedNegative] = added("you won't be disappointed");
		expect([positive, negative]).not.toContain(negatedNegative);
		expect(added('not great')).not.toContain(positive);
		expect(added('not great, awful')).toEqual(expect.arrayContaining([negative]));
		// Unrated words, other scripts and the default featurizer add nothing.
		expect(added('where is my card')).toEqual([]);
		expect(added('不满意')).toEqual([]);
		expect(lexicon.featurize('我的order还没到').ids).toEqual(plain.featurize('我的order还没到').ids);
		expect(new Featurizer().config.sentimentLexicon).toBe(false);
	});

	it('makes mean-normalized weights sum to 1', () => {
		const { weights } = new Featurizer({ vectorNormalization: 'mean' }).featurize('退款 refund please');
		expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
	});

	it('truncates a 1 MB message instead of hanging on it', () => {
		const featurizer = new Featurizer();
		const started = performance.now();
		const { ids } = featurizer.featurize('my parcel never arrived 我的包裹没到 '.repeat(40_000));
		expect(performance.now() - started).toBeLessThan(2000);
		expect(ids.length).toBeGreaterThan(0);
		expect(featurizer.analyze('x'.repeat(1_000_000)).normalized.length).toBe(featurizer.config.maxChars);
	});

	it('pads a batch with id 0 and weight 0', () => {
		const featurizer = new Featurizer();
		const short = featurizer.featurize('hi');
		const long = featurizer.featurize('where is my refund');
		const batch = Featurizer.pad([short, long]);
		expect(batch.length).toBe(long.ids.length);
		expect(batch.ids.length).toBe(2 * batch.length);
		expect(Array.from(batch.weights.subarray(short.ids.length, batch.length)).every((w) => w === 0)).toBe(true);
		expect(batch.ids[batch.length]).toBe(BigInt(long.ids[0]));
	});

	it('rejects unusable settings by name', () => {
		expect(() => resolveFeaturizerConfig({ buckets: 1000 })).toThrow(FeaturizerConfigError);
		expect(() => resolveFeaturizerConfig({ buckets: 1000 })).toThrow(/buckets must be a power of two/);
		expect(() => resolveFeaturizerConfig({ charNgrams: [4, 2] })).toThrow(/charNgrams/);
		expect(() => resolveFeaturizerConfig({ wordShare: 2 })).toThrow(/wordShare/);
		expect(() => resolveFeaturizerConfig({ markNegation: 'yes' as unknown as boolean })).toThrow(/markNegation/);
		expect(() => resolveFeaturizerConfig({ sentimentLexicon: 1 as unknown as boolean })).toThrow(/sentimentLexicon/);
	});
});
