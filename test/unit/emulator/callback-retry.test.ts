import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pushCallback } from '../../emulator';
import { FakeTrigger, OA_TEXT, TOKEN } from './callback-fake-trigger';

/**
 * WeChat's retries: no answer within 5 s → the connection is dropped and the same request sent again, 3 times
 * in all. The tests use a 300 ms timeout for speed; the rule is the same.
 */
describe('emulator: callback pusher, timeouts and retries', () => {
	let trigger: FakeTrigger;

	beforeAll(async () => {
		trigger = await FakeTrigger.start();
	});
	afterAll(() => trigger.close());
	beforeEach(() => {
		trigger.received.length = 0;
	});

	const push = (tries?: number): ReturnType<typeof pushCallback> => pushCallback({ url: trigger.url, platform: 'oa', token: TOKEN, message: OA_TEXT, timeoutMs: 300, tries });

	it('a trigger that answers too late gets 3 tries of the timeout each, the same request every time', async () => {
		trigger.responder = () => ({ body: 'success', delayMs: 1000 });
		const record = await push();
		expect(record.attempts).toHaveLength(3);
		for (const attempt of record.attempts) {
			expect(attempt).toMatchObject({ status: 0, body: '', timedOut: true });
			expect(attempt.ms).toBeGreaterThanOrEqual(290);
			expect(attempt.ms).toBeLessThan(900);
		}
		expect(record.answer).toEqual({ kind: 'invalid', problems: ['no answer on 3 tries: no answer within 300 ms'] });
		expect(record.ms).toBeGreaterThanOrEqual(870);
		expect(trigger.received).toHaveLength(3);
		expect(new Set(trigger.received.map((request) => JSON.stringify([request.query, request.body]))).size).toBe(1);
	});

	it('stops at the first answer: slow once, then in time', async () => {
		trigger.responder = (_request, index) => (index === 0 ? { body: 'success', delayMs: 600 } : { body: 'success' });
		const record = await push();
		expect(record.attempts.map((attempt) => [attempt.status, attempt.timedOut])).toEqual([
			[0, true],
			[200, false],
		]);
		expect(record.answer.kind).toBe('success');
		expect(trigger.received).toHaveLength(2);
	});

	it('an error status is an answer: no retry', async () => {
		trigger.responder = () => ({ status: 503, body: 'busy' });
		const record = await push();
		expect(record.attempts).toEqual([{ status: 503, ms: expect.any(Number), body: 'busy', timedOut: false }]);
		expect(record.answer.kind).toBe('invalid');
	});

	it('tries: 1 sends once', async () => {
		trigger.responder = () => ({ body: 'success', delayMs: 600 });
		expect((await push(1)).attempts).toHaveLength(1);
		expect(trigger.received).toHaveLength(1);
	});

	it('a refused connection counts as no answer too, and stays bounded', async () => {
		const port = await closedPort();
		const record = await pushCallback({ url: `http://127.0.0.1:${port}/webhook`, platform: 'oa', token: TOKEN, message: OA_TEXT, timeoutMs: 300 });
		expect(record.attempts).toHaveLength(3);
		expect(record.attempts.every((attempt) => attempt.status === 0 && !attempt.timedOut && /ECONNREFUSED/.test(attempt.error ?? ''))).toBe(true);
		expect(record.answer.kind).toBe('invalid');
		expect(record.answer.problems[0]).toMatch(/^no answer on 3 tries: ECONNREFUSED/);
	});

	it('an abort signal ends the push between or during tries', async () => {
		trigger.responder = () => ({ body: 'success', delayMs: 600 });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 100);
		const record = await pushCallback({ url: trigger.url, platform: 'oa', token: TOKEN, message: OA_TEXT, timeoutMs: 300, signal: controller.signal });
		expect(record.attempts).toEqual([{ status: 0, ms: expect.any(Number), body: '', timedOut: false, error: 'aborted' }]);
	});
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
