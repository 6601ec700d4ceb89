// natural's root module must not be imported (it loads dotenv and prints); these are the subpaths the
// lexicon mode uses.
declare module 'natural/lib/natural/sentiment/SentimentAnalyzer' {
	export default class SentimentAnalyzer {
		constructor(language: string, stemmer: { stem(token: string): string } | null, type: string);
		/** Sum of the words' scores (negations flip the words after them) divided by the word count. */
		getSentiment(words: string[]): number;
	}
}
