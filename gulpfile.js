// tsc does not copy icons: this puts the shared icons/ folder (and any icon next to a node or credential)
// into dist/ at the same relative paths the compiled files reference.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyFrom(folder) {
	return () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false, allowEmpty: true }).pipe(
			dest(path.resolve('dist', folder)),
		);
}

task('build:icons', parallel(copyFrom('icons'), copyFrom('nodes'), copyFrom('credentials')));
