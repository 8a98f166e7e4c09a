#!/usr/bin/env node
'use strict';
/**
 * What `npm pack` would publish, checked against what a community package should ship: the built nodes and
 * credentials (dist/: .js, the codex .json, icons), index.js, package.json, the READMEs, LICENSE and CHANGELOG.
 * No sources, tests, examples, source maps or declarations (nothing imports this package; maps would point at
 * sources that are not shipped), and the tarball under a size budget. Run after `npm run build` (npm test and the
 * release workflow do); exits 1 with the offending files.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

/**
 * Measured 2026-12-06: 226 kB packed / 0.92 MB unpacked (dist without maps and declarations, both READMEs). The
 * budget leaves room for the nodes still coming and the Chinese README; a jump past it means something slipped in.
 */
const BUDGET = { packedBytes: 400_000, unpackedBytes: 2_000_000 };

const ALLOWED = [
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/(nodes|credentials|icons)\/.+\.(svg|png)$/,
	/^index\.js$/,
	/^package\.json$/,
	/^README(\.zh-CN)?\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
];
const REQUIRED = ['index.js', 'package.json', 'README.md', 'README.zh-CN.md', 'LICENSE', 'CHANGELOG.md'];

/** Problems with one `npm pack --json` entry ({ files: [{ path, size }], size, unpackedSize }); [] when fine. */
function packProblems(pack, declared = []) {
	const paths = pack.files.map((file) => file.path);
	const problems = [];
	const stray = paths.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
	if (stray.length) problems.push(`files that should not ship: ${stray.join(', ')}`);
	const missing = [...REQUIRED, ...declared].filter((file) => !paths.includes(file));
	if (missing.length) problems.push(`files missing from the package: ${missing.join(', ')}`);
	if (pack.size > BUDGET.packedBytes) problems.push(`tarball is ${pack.size} bytes, over the ${BUDGET.packedBytes}-byte budget`);
	if (pack.unpackedSize > BUDGET.unpackedBytes)
		problems.push(`unpacked size is ${pack.unpackedSize} bytes, over the ${BUDGET.unpackedBytes}-byte budget`);
	return problems;
}

function main() {
	const root = path.resolve(__dirname, '..');
	const manifest = require(path.join(root, 'package.json'));
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm pack --dry-run failed (exit ${result.status}):\n${result.stderr}`);
	const [pack] = JSON.parse(result.stdout);
	const problems = packProblems(pack, [...manifest.n8n.nodes, ...manifest.n8n.credentials]);
	const summary = `${pack.entryCount} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`;
	if (problems.length) {
		console.error(`npm pack check failed (${summary}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
		process.exitCode = 1;
	} else {
		console.log(`npm pack check: ${summary}, within budget`);
	}
}

if (require.main === module) main();

module.exports = { BUDGET, packProblems };
