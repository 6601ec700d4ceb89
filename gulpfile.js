// Copies what tsc does not emit into dist/: node icons and codex files, the shipped models and the
// workflow templates. package.json "files" ships dist/ alone, so everything the nodes read at run
// time must land here.
const { src, dest, parallel } = require('gulp');

const copyNodeAssets = () =>
	src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}', 'icons/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
const copyModels = () => src(['models/**/*', 'kg/**/*'], { base: '.', encoding: false, allowEmpty: true }).pipe(dest('dist'));
// Data files the core reads at run time (the Sentiment node's cue lexicons).
const copyCoreData = () => src('core/**/*.txt', { base: '.', allowEmpty: true }).pipe(dest('dist'));
const copyWorkflows = () => src('workflows/**/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));

exports.build = parallel(copyNodeAssets, copyModels, copyCoreData, copyWorkflows);
exports.default = exports.build;
