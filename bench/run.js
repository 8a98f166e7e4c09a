// Runs every benchmark in bench/ (TypeScript, transpiled on the fly) in its own process with GC exposed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.bench.ts')).sort();
let failed = 0;
for (const file of files) {
	console.log(`\n=== ${file}`);
	const run = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(__dirname, file)], {
		stdio: 'inherit',
		// preferTsExts: `WeComSend.node` must resolve to the .ts file, not the codex .json beside it.
		env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.test.json'), TS_NODE_PREFER_TS_EXTS: 'true' },
	});
	if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
