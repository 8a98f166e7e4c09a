/**
 * Transport faults end in a defined result: reads and token fetches are retried; a send is retried only when
 * WeCom's duplicate check makes a replay harmless. No item is lost and nothing is delivered twice.
 */
import { useWeComFixture, items } from '../wecomFixture';
import type { FaultSpec } from '../../../emulator';

const fx = useWeComFixture();
const send = { resource: 'message', operation: 'sendText', toUser: 'zhangsan', content: '={{ "msg " + $json.index }}' };
const dedupe = { ...send, options: { enableDuplicateCheck: true } };
const path = '/cgi-bin/message/send';

function deliveries() {
	const messages = fx.emulator.state.wecom.messages;
	return {
		delivered: messages.filter((m) => !m.deduplicated).length,
		deduplicated: messages.filter((m) => m.deduplicated).length,
	};
}

const faults: Array<[string, FaultSpec, { delivered: number }]> = [
	['HTTP 502', { kind: 'http5xx', path }, { delivered: 0 }],
	['connection reset before the send', { kind: 'reset', path }, { delivered: 0 }],
	['connection reset after the send', { kind: 'resetAfterApply', path }, { delivered: 1 }],
	['timeout (the send happens late)', { kind: 'slow', delayMs: 1_500, path }, { delivered: 1 }],
	['errcode -1', { kind: 'errcode', errcode: -1, path }, { delivered: 0 }],
];

describe.each(faults)('%s', (_name, fault, outcome) => {
	test('without duplicate check: one attempt, an error item, never a second delivery', async () => {
		fx.emulator.faults.add(fault);
		const result = await fx.send({ ...send, options: { concurrency: 1 } }, { items: items(3), continueOnFail: true });
		expect(result.items).toHaveLength(3);
		const errors = result.items.filter((item) => item.json.error);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.description).toMatch(/was not sent again|errcode -1|busy/i);
		await new Promise((resolve) => setTimeout(resolve, fault.kind === 'slow' ? 700 : 0));
		expect(deliveries()).toEqual({ delivered: 2 + outcome.delivered, deduplicated: 0 });
		expect(fx.entries(path)).toHaveLength(3);
	});

	test('with duplicate check: retried until delivered exactly once', async () => {
		fx.emulator.faults.add(fault);
		const result = await fx.send(dedupe, { items: items(3), continueOnFail: true });
		expect(result.items.every((item) => item.json.msgid)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, fault.kind === 'slow' ? 700 : 0));
		expect(deliveries().delivered).toBe(3);
		expect(fx.entries(path).length).toBeGreaterThanOrEqual(4);
	});
});

test('gettoken is a read: 5xx, reset and errcode -1 are retried with backoff', async () => {
	fx.emulator.faults.add([
		{ kind: 'http5xx', path: '/cgi-bin/gettoken' },
		{ kind: 'reset', path: '/cgi-bin/gettoken' },
		{ kind: 'errcode', errcode: -1, path: '/cgi-bin/gettoken' },
	]);
	const result = await fx.send(send, { items: items(2) });
	expect(result.items.every((item) => item.json.msgid)).toBe(true);
	expect(fx.entries('/cgi-bin/gettoken')).toHaveLength(4);
	expect(fx.gettokenCalls()).toBe(1);
});

test('a read gives up after a bounded number of tries with a clear error', async () => {
	fx.emulator.faults.add({ kind: 'http5xx', path: '/cgi-bin/gettoken', times: 10 });
	await expect(fx.send(send, { items: items(1) })).rejects.toMatchObject({
		message: '/cgi-bin/gettoken: HTTP 502 from the server',
	});
	expect(fx.entries('/cgi-bin/gettoken')).toHaveLength(4);
});

test('without continue-on-fail the first failed item stops the node with its error', async () => {
	fx.emulator.faults.add({ kind: 'http5xx', path });
	await expect(fx.send({ ...send, options: { concurrency: 1 } }, { items: items(3) })).rejects.toMatchObject({
		message: '/cgi-bin/message/send: HTTP 502 from the server',
		context: expect.objectContaining({ itemIndex: 0 }),
	});
});
