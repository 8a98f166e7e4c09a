/**
 * Proves the harness runs nodes through n8n's real engine. The node types below are test-only stand-ins: the
 * package's real nodes are tested in their own folders.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { binaryItem, runNode, runNodeThenRetry } from '../../helpers/harness';

function describeNode(name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'test-only node',
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

/** Resolves two parameters per item and builds its output with n8n's item helpers. */
class Greeter implements INodeType {
	description = describeNode('harnessGreeter', {
		properties: [
			{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '', required: true },
			{ displayName: 'Origin', name: 'origin', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const json = {
				greeting: this.getNodeParameter('greeting', i) as string,
				origin: this.getNodeParameter('origin', i) as string,
				executionId: this.getExecutionId(),
			};
			out.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: i } }),
			);
		}
		return [out];
	}
}

/** Fails items whose `fail` is true; with `perItem` it follows n8n's continueOnFail convention itself. */
class Failer implements INodeType {
	static thrown: NodeOperationError[] = [];

	description = describeNode('harnessFailer', {
		properties: [{ displayName: 'Per Item', name: 'perItem', type: 'boolean', default: true }],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const perItem = this.getNodeParameter('perItem', 0) as boolean;
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				if (items[i].json.fail === true) {
					const error = new NodeOperationError(this.getNode(), `item ${i} failed`, {
						itemIndex: i,
						description: 'the fix hint',
					});
					Failer.thrown.push(error);
					throw error;
				}
				out.push({ json: { ok: i }, pairedItem: { item: i } });
			} catch (error) {
				if (perItem && this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

/** Reads the input file, upper-cases it and emits it as a new file. */
class Shouter implements INodeType {
	description = describeNode('harnessShouter');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const input = this.helpers.assertBinaryData(i, 'data');
			const text = (await this.helpers.getBinaryDataBuffer(i, 'data')).toString('utf8');
			const data = await this.helpers.prepareBinaryData(Buffer.from(text.toUpperCase()), 'loud.txt', 'text/plain');
			out.push({
				json: { inputStorage: input.id?.split(':')[0] ?? 'inline' },
				binary: { data },
				pairedItem: { item: i },
			});
		}
		return [out];
	}
}

/** Counts runs and items in the workflow's global static data. */
class Counter implements INodeType {
	description = describeNode('harnessCounter');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const store = this.getWorkflowStaticData('global');
		store.runs = ((store.runs as number | undefined) ?? 0) + 1;
		store.items = ((store.items as number | undefined) ?? 0) + this.getInputData().length;
		return [[{ json: { runs: store.runs }, pairedItem: { item: 0 } }]];
	}
}

/** Returns the credential it was given. */
class CredentialReader implements INodeType {
	description = describeNode('harnessCredentialReader', {
		credentials: [{ name: 'harnessApi', required: true }],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('harnessApi');
		return [[{ json: { apiKey: credentials.apiKey }, pairedItem: { item: 0 } }]];
	}
}

/**
 * Fails its first `Flaky.failures` tries; reports the execution, its run index and the first execution it saw
 * (kept in the node's execution context, which n8n carries into a retried execution).
 */
class Flaky implements INodeType {
	static failures = 0;

	description = describeNode('harnessFlaky');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const context = this.getContext('node');
		context.first ??= this.getExecutionId();
		if (Flaky.failures > 0) {
			Flaky.failures -= 1;
			throw new NodeOperationError(this.getNode(), 'flaky');
		}
		const json = {
			executionId: this.getExecutionId(),
			runIndex: this.getWorkflowDataProxy(0).$thisRunIndex,
			first: context.first as string,
		};
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}

beforeEach(() => {
	Failer.thrown = [];
	Flaky.failures = 0;
});

describe('runs of one node in one execution', () => {
	it('loop: the engine runs the node once per batch, with a growing run index, in one execution', async () => {
		const result = await runNode({
			node: new Greeter(),
			parameters: { greeting: '={{ $runIndex }}:{{ $json.v }}' },
			items: ['a', 'b', 'c', 'd', 'e'].map((v) => ({ json: { v } })),
			loop: { batchSize: 2 },
		});
		expect(result.runs.map((run) => run.map((item) => item.json.greeting))).toEqual([
			['0:a', '0:b'],
			['1:c', '1:d'],
			['2:e'],
		]);
		expect(new Set(result.items.map((item) => item.json.executionId)).size).toBe(1);
	});

	it('retryOnFail: a failed try runs the node again in the same run', async () => {
		Flaky.failures = 1;
		const result = await runNode({ node: new Flaky(), parameters: {}, retryOnFail: { maxTries: 2 } });
		expect(result.runs).toHaveLength(1);
		expect(result.items[0].json.runIndex).toBe(0);
	});

	it("runNodeThenRetry: a new execution runs the failed node again, same run index, the node's context kept", async () => {
		Flaky.failures = 1;
		const { firstError, retry } = await runNodeThenRetry({ node: new Flaky(), parameters: {} });
		expect(firstError.message).toBe('flaky');
		const [{ json }] = retry.items;
		expect(json.runIndex).toBe(0);
		expect(json.first).not.toBe(json.executionId);
		await expect(runNodeThenRetry({ node: new Flaky(), parameters: {} })).rejects.toThrow(/cannot be retried/);
	});
});

describe('runNode', () => {
	it('resolves expressions per item, including paired-item lookups of the upstream node', async () => {
		const result = await runNode({
			node: new Greeter(),
			parameters: { greeting: '={{ "hi " + $json.name }}', origin: "={{ $('Items Source').item.json.name }}" },
			items: [{ json: { name: 'a' } }, { json: { name: 'b' } }],
		});

		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ greeting: 'hi a', origin: 'a' }),
			expect.objectContaining({ greeting: 'hi b', origin: 'b' }),
		]);
		expect(result.outputs).toHaveLength(1);
		expect(result.error).toBeUndefined();
	});

	it('keeps pairedItem on every output item', async () => {
		const result = await runNode({
			node: new Greeter(),
			parameters: { greeting: 'x' },
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});

		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('gives error items with continueOnFail', async () => {
		const result = await runNode({
			node: new Failer(),
			parameters: {},
			items: [{ json: {} }, { json: { fail: true } }, { json: {} }],
			continueOnFail: true,
		});

		expect(result.items).toEqual([
			{ json: { ok: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'item 1 failed' }, pairedItem: { item: 1 } },
			{ json: { ok: 2 }, pairedItem: { item: 2 } },
		]);
		expect(result.error).toBeUndefined();
	});

	it('rejects with the exact error the node threw without continueOnFail', async () => {
		const run = runNode({ node: new Failer(), parameters: {}, items: [{ json: {} }, { json: { fail: true } }] });

		await expect(run).rejects.toBeInstanceOf(NodeOperationError);
		const error = await run.catch((e: unknown) => e);
		expect(error).toBe(Failer.thrown[0]);
		expect(error).toMatchObject({ message: 'item 1 failed', description: 'the fix hint', context: { itemIndex: 1 } });
	});

	it('reports the error when n8n continues past a node that threw as a whole', async () => {
		const items = [{ json: { n: 1 } }, { json: { fail: true } }];
		const result = await runNode({ node: new Failer(), parameters: { perItem: false }, items, continueOnFail: true });

		expect(result.error).toBe(Failer.thrown[0]);
		// n8n passes the input through when a node fails under "On Error: Continue".
		expect(result.items.map((item) => item.json)).toEqual(items.map((item) => item.json));
	});

	it("rejects with n8n's own error when a required parameter or credential is missing", async () => {
		await expect(runNode({ node: new Greeter(), parameters: {} })).rejects.toThrow('Parameter "Greeting" is required');
		await expect(runNode({ node: new CredentialReader(), parameters: {} })).rejects.toThrow(
			'Node does not have any credentials set',
		);
	});

	it('resolves credentials by type name', async () => {
		const result = await runNode({
			node: new CredentialReader(),
			parameters: {},
			credentials: { harnessApi: { apiKey: 'k-1' } },
		});

		expect(result.items[0].json).toEqual({ apiKey: 'k-1' });
	});

	it('stores binary input, lets the node read it and reads the node binary output back', async () => {
		const result = await runNode({
			node: new Shouter(),
			parameters: {},
			items: [binaryItem({ n: 1 }, { data: Buffer.from('hello'), fileName: 'in.txt', mimeType: 'text/plain' })],
		});

		expect(result.items[0].json).toEqual({ inputStorage: 'filesystem-v2' });
		expect(result.items[0].binary?.data).toMatchObject({ fileName: 'loud.txt', mimeType: 'text/plain', bytes: 5 });
		expect((await result.binary(0)).toString()).toBe('HELLO');

		// An output can feed a later run, as it would feed the next node.
		const again = await runNode({ node: new Shouter(), parameters: {}, items: result.items });
		expect((await again.binary(0, 'data')).toString()).toBe('HELLO');
		await expect(again.binary(0, 'missing')).rejects.toThrow('has no binary "missing"');
	});

	it('persists static data across production runs sharing the same object', async () => {
		const staticData = {};
		const first = await runNode({
			node: new Counter(),
			parameters: {},
			staticData,
			items: [{ json: {} }, { json: {} }],
		});
		expect(first.staticData).toBe(staticData);
		expect(staticData).toEqual({ global: { runs: 1, items: 2 } });

		const second = await runNode({ node: new Counter(), parameters: {}, staticData });
		expect(second.items[0].json).toEqual({ runs: 2 });
		expect(staticData).toEqual({ global: { runs: 2, items: 3 } });
	});

	it('does not save static data of manual runs, as n8n does not', async () => {
		const staticData = { global: { runs: 5, items: 5 } };
		const result = await runNode({ node: new Counter(), parameters: {}, staticData, mode: 'manual' });

		expect(result.items[0].json).toEqual({ runs: 6 });
		expect(staticData).toEqual({ global: { runs: 5, items: 5 } });
	});

	it('isolates concurrent runs from each other', async () => {
		const [a, b] = await Promise.all([
			runNode({ node: new Greeter(), parameters: { greeting: '={{ $json.v }}' }, items: [{ json: { v: 'a' } }] }),
			runNode({ node: new Greeter(), parameters: { greeting: '={{ $json.v }}' }, items: [{ json: { v: 'b' } }] }),
		]);

		expect([a.items[0].json.greeting, b.items[0].json.greeting]).toEqual(['a', 'b']);
		expect(a.items[0].json.executionId).not.toEqual(b.items[0].json.executionId);
	});

	it('does not mutate the caller items or parameters', async () => {
		const items = [binaryItem({}, { data: Buffer.from('x'), fileName: 'x.txt', mimeType: 'text/plain' })];
		const parameters = { greeting: '={{ 1 + 1 }}' };
		const snapshot = structuredClone({ items, parameters });

		await runNode({ node: new Greeter(), parameters, items });

		expect({ items, parameters }).toEqual(snapshot);
	});
});
