/**
 * The policy scripts/check-pack.js applies to `npm pack` (npm test runs it on the real build): which files may
 * ship and the size budget. Here on fixed file lists, so each rule is seen to fail.
 */
interface PackEntry {
	files: Array<{ path: string; size: number }>;
	size: number;
	unpackedSize: number;
}
interface CheckPack {
	BUDGET: { packedBytes: number; unpackedBytes: number };
	packProblems(pack: PackEntry, declared?: string[]): string[];
}
// A plain Node script (it runs before any TypeScript tooling in npm test and in the release workflow).
const { BUDGET, packProblems } = require('../../../scripts/check-pack.js') as CheckPack;

const NODE = 'dist/nodes/WeComSend/WeComSend.node.js';
const good = [
	NODE,
	'dist/nodes/WeComSend/WeComSend.node.json',
	'dist/credentials/WeComApi.credentials.js',
	'dist/icons/wecom.svg',
	'dist/icons/wecom.dark.svg',
	'dist/nodes/shared/transport/request.js',
	'index.js',
	'package.json',
	'README.md',
	'README.zh-CN.md',
	'LICENSE',
	'CHANGELOG.md',
];

function pack(paths: string[], size = 100_000, unpackedSize = 500_000): PackEntry {
	return { files: paths.map((path) => ({ path, size: 1 })), size, unpackedSize };
}

describe('npm pack policy', () => {
	it('accepts the built package with its docs', () => {
		expect(packProblems(pack(good), [NODE])).toEqual([]);
	});

	it.each([
		['a TypeScript source', 'nodes/WeComSend/WeComSend.node.ts'],
		['a source map', 'dist/nodes/WeComSend/WeComSend.node.js.map'],
		['a declaration', 'dist/nodes/WeComSend/WeComSend.node.d.ts'],
		['a test', 'test/unit/release/pack.test.ts'],
		['an example workflow', 'examples/wecom-send-manual.json'],
		['a screenshot', 'docs/images/wecom-send.png'],
		['a compiled test helper', 'dist/test/helpers/harness.js'],
	])('refuses %s', (_what, stray) => {
		expect(packProblems(pack([...good, stray]))).toEqual([`files that should not ship: ${stray}`]);
	});

	it('names what is missing: the docs and every declared node', () => {
		const withoutDocs = good.filter((path) => path !== 'CHANGELOG.md' && path !== 'README.zh-CN.md' && path !== NODE);
		expect(packProblems(pack(withoutDocs), [NODE])).toEqual([
			`files missing from the package: README.zh-CN.md, CHANGELOG.md, ${NODE}`,
		]);
	});

	it('holds the tarball and the unpacked size to the budget', () => {
		expect(packProblems(pack(good, BUDGET.packedBytes, BUDGET.unpackedBytes))).toEqual([]);
		expect(packProblems(pack(good, BUDGET.packedBytes + 1, BUDGET.unpackedBytes + 1))).toEqual([
			`tarball is ${BUDGET.packedBytes + 1} bytes, over the ${BUDGET.packedBytes}-byte budget`,
			`unpacked size is ${BUDGET.unpackedBytes + 1} bytes, over the ${BUDGET.unpackedBytes}-byte budget`,
		]);
	});
});
