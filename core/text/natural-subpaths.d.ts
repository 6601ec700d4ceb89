// natural's own typings describe only its package root, which must not be imported (it loads dotenv
// and prints). These are the two CommonJS modules this package imports directly.
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer' {
	export default class AggressiveTokenizer {
		tokenize(text: string): string[];
	}
}

declare module 'natural/lib/natural/stemmers/porter_stemmer' {
	const PorterStemmer: { stem(token: string): string };
	export default PorterStemmer;
}
