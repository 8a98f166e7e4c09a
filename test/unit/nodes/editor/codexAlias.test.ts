/**
 * The editor's node search matches codex `alias` (nodes/<Node>/<Node>.node.json): users searching in Chinese
 * find every node of the family, triggers included (企业微信 once missed WeCom Trigger, 公众号 the OA Trigger).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const nodeNames = manifest.n8n.nodes.map((file) => path.basename(file, '.node.js'));

function aliases(name: string): string[] {
	const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', name, `${name}.node.json`), 'utf8')) as {
		node: string;
		alias?: string[];
	};
	expect(codex.node).toBe(`n8n-nodes-wecom-oa.${name.charAt(0).toLowerCase()}${name.slice(1)}`);
	return codex.alias ?? [];
}

describe('codex aliases', () => {
	it.each(nodeNames)(
		'%s: found by its family term in Chinese, and by 触发 / 回复 when it is a trigger / reply',
		(name) => {
			const terms = aliases(name);
			const expected = [name.startsWith('WeChatOa') ? '公众号' : '企业微信'];
			if (name.endsWith('Trigger')) expected.push('触发');
			if (name.endsWith('Reply')) expected.push('回复');
			expect(expected.filter((term) => !terms.includes(term))).toEqual([]);
		},
	);
});
