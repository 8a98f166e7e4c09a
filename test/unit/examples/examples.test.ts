/**
 * What keeps examples/*.json working on both n8n lines the README supports (2.x and 1.123.x), checked without an
 * n8n: the e2e suite runs them for real, this fails first and names the example.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ExampleNode {
	name: string;
	type: string;
	parameters?: unknown;
}
interface Example {
	file: string;
	id: unknown;
	nodes: ExampleNode[];
}

const DIR = join(__dirname, '..', '..', '..', 'examples');
const examples: Example[] = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => ({ file, ...(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Omit<Example, 'file'>) }));

/** Every expression (a string parameter starting with "=") anywhere in a node's parameters. */
function expressions(value: unknown): string[] {
	if (typeof value === 'string') return value.startsWith('=') ? [value] : [];
	if (Array.isArray(value)) return value.flatMap(expressions);
	if (value && typeof value === 'object') return Object.values(value).flatMap(expressions);
	return [];
}

describe('examples/*.json', () => {
	it('are there', () => {
		expect(examples.length).toBeGreaterThan(0);
	});

	// n8n saves a workflow's static data (our sealed token cache, the customer-service trigger's cursor) only for IDs
	// it considers valid: at most 16 characters in n8n 1.x (isWorkflowIdValid), 21 in 2.x. Longer, and both are
	// silently dropped after each run.
	it('have IDs of at most 16 characters (n8n 1.x keeps static data only for those), unique', () => {
		const tooLong = examples
			.filter((example) => typeof example.id !== 'string' || example.id.length === 0 || example.id.length > 16)
			.map((example) => `${example.file}: ${JSON.stringify(example.id)}`);
		expect(tooLong).toEqual([]);
		const ids = examples.map((example) => example.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	// n8n 1.123.x evaluates expressions in an isolate by default while its Code node still runs in-process (task
	// runners off): the Code node's items cannot be copied into the isolate, so $('Code node').item / .first() /
	// .all() evaluate to nothing there. $json of the Code node's own output is fine.
	it("read no Code node's items through $('…') in an expression (empty on n8n 1.x by default)", () => {
		const offending = examples.flatMap((example) => {
			const codeNodes = example.nodes.filter((node) => node.type === 'n8n-nodes-base.code').map((node) => node.name);
			return example.nodes.flatMap((node) =>
				expressions(node.parameters)
					.filter((expression) =>
						codeNodes.some((name) => expression.includes(`$('${name}')`) || expression.includes(`$("${name}")`)),
					)
					.map((expression) => `${example.file} › ${node.name}: ${expression}`),
			);
		});
		expect(offending).toEqual([]);
	});
});
