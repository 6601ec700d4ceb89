// natural's root module must not be imported (it loads dotenv and prints): the benchmark's peer is this
// CommonJS subpath, which natural's own typings do not describe.
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
	export default class BayesClassifier {
		addDocument(text: string, label: string): void;
		train(): void;
		classify(text: string): string;
	}
}
