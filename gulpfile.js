// tsc does not copy icons: this puts every node and credential SVG/PNG next to its compiled file in dist/.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyFrom(folder) {
	return () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
}

task('build:icons', parallel(copyFrom('nodes'), copyFrom('credentials')));
