import type SentimentAnalyzerType from 'natural/lib/natural/sentiment/SentimentAnalyzer';

import { nodeRequire } from '../text/afinn';
import type { PolaritySource } from './sources';

/** Sum of AFINN word scores that maps to a score of tanh(1) ≈ 0.76. */
const AFINN_SCALE = 4;
/** One mildly scored word (AFINN ±1) leaves neutral: tanh(1/4) ≈ 0.245. */
const AFINN_NEUTRAL_BAND = 0.2;

let analyzer: SentimentAnalyzerType | undefined;

/**
 * English word-list sentiment (AFINN-165 via natural, with its negation handling), for comparison with
 * the models only: it reads single words, so "not bad at all, but the screen died" fools it. The sum
 * of word scores s is mapped to p(positive) = (1 + tanh(s / 4)) / 2.
 */
export function afinnPolarity(): PolaritySource {
	return {
		name: 'afinn-165',
		version: '165',
		neutralBand: AFINN_NEUTRAL_BAND,
		async probabilities(texts) {
			if (analyzer === undefined) {
				const SentimentAnalyzer = nodeRequire()('natural/lib/natural/sentiment/SentimentAnalyzer') as typeof SentimentAnalyzerType;
				analyzer = new SentimentAnalyzer('English', null, 'afinn');
			}
			return texts.map((text) => {
				const words = text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
				const sum = words.length === 0 ? 0 : analyzer!.getSentiment(words) * words.length;
				const score = Math.tanh(sum / AFINN_SCALE);
				return { negative: (1 - score) / 2, positive: (1 + score) / 2 };
			});
		},
	};
}
