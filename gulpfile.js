// Copies what tsc does not emit into dist/: node icons and codex files, the shipped models (and the
// data of those that seed the model store) and the workflow templates. package.json "files" ships
// dist/ alone, so everything the nodes read at run time must land here.
const { src, dest, parallel } = require('gulp');

const copyNodeAssets = () =>
	src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}', 'icons/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
const copyModels = () => src(['models/**/*', 'kg/**/*'], { base: '.', encoding: false, allowEmpty: true }).pipe(dest('dist'));
// Data files the core reads at run time (the Sentiment node's cue lexicons).
const copyCoreData = () => src('core/**/*.txt', { base: '.', allowEmpty: true }).pipe(dest('dist'));
// Training data of the built-in models that can seed the model store (core/store/builtInSeed.ts),
// with its licenses.
const copyDatasets = () =>
	src(['datasets/support-zh-en/{train,test}.csv', 'datasets/support-zh-en/{README.md,LICENSE-*}'], { base: '.' }).pipe(dest('dist'));
const copyWorkflows = () => src('workflows/**/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));

exports.build = parallel(copyNodeAssets, copyModels, copyCoreData, copyDatasets, copyWorkflows);
exports.default = exports.build;
