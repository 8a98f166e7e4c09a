/**
 * README.zh-CN.md is the whole README in Chinese: both must keep the same sections in the same order (same
 * heading levels, same count), and each links to the other at the top. When README.md gains a section, this
 * fails until the Chinese one has it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** The markdown headings (`#`…`######`) outside fenced code blocks, as [level, text]. */
function headings(markdown: string): Array<[number, string]> {
	const found: Array<[number, string]> = [];
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const match = !fenced && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
		if (match) found.push([match[1].length, match[2]]);
	}
	return found;
}

const english = readFileSync(join(ROOT, 'README.md'), 'utf8');
const chinese = readFileSync(join(ROOT, 'README.zh-CN.md'), 'utf8');

describe('README.zh-CN.md keeps step with README.md', () => {
	it('has the same headings, level by level and in order', () => {
		const levels = (markdown: string) => headings(markdown).map(([level]) => level);
		expect(levels(chinese)).toEqual(levels(english));
	});

	it('keeps the Chinese terms of the English headings (企业微信, 公众号, …) in their counterparts', () => {
		const hanzi = (text: string) => text.match(/[\u4e00-\u9fff]+/g) ?? [];
		const zh = headings(chinese);
		const missing = headings(english).flatMap(([, text], index) =>
			hanzi(text).filter((term) => !zh[index]?.[1].includes(term)).map((term) => `${text}: ${term}`),
		);
		expect(missing).toEqual([]);
	});

	it('links each to the other at the top', () => {
		const top = (markdown: string) => markdown.split('\n').slice(0, 6).join('\n');
		expect(top(english)).toMatch(/\]\(README\.zh-CN\.md\)/);
		expect(top(chinese)).toMatch(/\]\(README\.md\)/);
	});

	it('finds headings but not code comments', () => {
		expect(headings('# A\n```bash\n# not a heading\n```\n## B (公众号)\n')).toEqual([
			[1, 'A'],
			[2, 'B (公众号)'],
		]);
	});
});
