import { argmax, createSampler, type SamplerSettings } from './sampler';

const greedy: SamplerSettings = { temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1, seed: 1 };
const logits = Float32Array.of(0.5, 2, -1, 2, 1);

describe('createSampler', () => {
	test('greedy picks the most likely token, the lowest id on a tie', () => {
		expect(argmax(logits)).toBe(1);
		expect(createSampler(greedy)(logits, [])).toBe(1);
	});

	test('the repetition penalty makes tokens already in the sequence less likely, logits untouched', () => {
		const pick = createSampler({ ...greedy, repetitionPenalty: 1.5 });
		expect(pick(logits, [1, 1])).toBe(3);
		expect(pick(Float32Array.of(-1, -1.2), [0])).toBe(1);
		expect(logits[1]).toBe(2);
	});

	test('top-k 1 and a tiny top-p are greedy at any temperature', () => {
		const hot = { ...greedy, temperature: 5 };
		const topOne = createSampler({ ...hot, topK: 1 });
		const nucleus = createSampler({ ...hot, topP: 0.01 });
		for (let i = 0; i < 50; i++) {
			expect(topOne(logits, [])).toBe(1);
			expect(nucleus(logits, [])).toBe(1);
		}
	});

	test('sampling follows the softmax and repeats exactly for a seed', () => {
		const twoTokens = Float32Array.of(0, Math.log(3));
		const draws = (seed: number) => {
			const pick = createSampler({ ...greedy, temperature: 1, seed });
			return Array.from({ length: 4000 }, () => pick(twoTokens, []));
		};
		const first = draws(42);
		const share = first.filter((token) => token === 1).length / first.length;
		expect(share).toBeGreaterThan(0.72);
		expect(share).toBeLessThan(0.78);
		expect(draws(42)).toEqual(first);
		expect(draws(43)).not.toEqual(first);
	});

	test('top-p keeps the smallest set of tokens holding that much probability', () => {
		// Probabilities ≈ 0.64, 0.24, 0.09, 0.03: top-p 0.8 keeps the first two only.
		const ranked = Float32Array.of(3, 2, 1, 0);
		const pick = createSampler({ ...greedy, temperature: 1, topP: 0.8, seed: 3 });
		const seen = new Set(Array.from({ length: 500 }, () => pick(ranked, [])));
		expect([...seen].sort()).toEqual([0, 1]);
	});
});
