/** WeChat's retries: one execution per delivery, and the first answer repeated, even while it is still pending. */
import { CallbackDedupe, dedupeKey } from '../../../nodes/shared/callback/dedupe';
import { parseMessage } from '../../../nodes/shared/callback/normalize';

const message = (xml: string) => parseMessage(`<xml>${xml}</xml>`, 65_536);

describe('dedupeKey', () => {
	test('MsgId (or MsgID) when there is one, whatever else differs', () => {
		expect(dedupeKey(message('<MsgId>6054768590064713728</MsgId><Content>a</Content>'))).toBe('id:6054768590064713728');
		expect(dedupeKey(message('<MsgID>1000001625</MsgID><Event>MASSSENDJOBFINISH</Event>'))).toBe('id:1000001625');
		expect(dedupeKey(message('<MsgId>1</MsgId><Content>a</Content>'))).toBe(
			dedupeKey(message('<MsgId>1</MsgId><Content>b</Content>')),
		);
	});

	test('events: the same event (in any element order or layout) has the same key', () => {
		const a = message(
			'<FromUserName>u</FromUserName><CreateTime>1</CreateTime><Event>CLICK</Event><EventKey>k</EventKey>',
		);
		const b = message(
			'\n<EventKey><![CDATA[k]]></EventKey>\n<Event>CLICK</Event><CreateTime>1</CreateTime><FromUserName>u</FromUserName>',
		);
		expect(dedupeKey(a)).toBe(dedupeKey(b));
		expect(dedupeKey(a)).toMatch(/^ev:[0-9a-f]{40}$/);
	});

	test('events differing in FromUserName, CreateTime, Event or EventKey have different keys', () => {
		const base = { FromUserName: 'u', CreateTime: '1', Event: 'CLICK', EventKey: 'k' };
		const keys = new Set(
			[
				base,
				{ ...base, FromUserName: 'v' },
				{ ...base, CreateTime: '2' },
				{ ...base, Event: 'VIEW' },
				{ ...base, EventKey: 'j' },
			].map(dedupeKey),
		);
		expect(keys.size).toBe(5);
	});

	test('WeCom change_contact events from sys in the same second stay distinct', () => {
		const change = (user: string) =>
			message(
				`<FromUserName>sys</FromUserName><CreateTime>1700000000</CreateTime><Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>${user}</UserID>`,
			);
		expect(dedupeKey(change('zhangsan'))).not.toBe(dedupeKey(change('lisi')));
	});

	test('nesting and lists are part of the key, without ambiguity between shapes', () => {
		expect(dedupeKey({ A: ['1', '2'] })).not.toBe(dedupeKey({ A: '1,2' }));
		expect(dedupeKey({ A: { B: '1' } })).not.toBe(dedupeKey({ A: '{"B":"1"}' }));
	});
});

describe('CallbackDedupe', () => {
	test('first delivery, then duplicates get the first answer', async () => {
		const store = new CallbackDedupe<string>();
		const first = store.check('id:1');
		expect(first.first).toBe(true);
		if (!first.first) return;
		first.settle('<xml>reply</xml>');
		const again = store.check('id:1');
		expect(again.first).toBe(false);
		if (again.first) return;
		await expect(again.wait(1_000, 'success')).resolves.toBe('<xml>reply</xml>');
		expect(store.check('id:2').first).toBe(true);
	});

	test('retries that arrive while the first is still running wait for its answer', async () => {
		const store = new CallbackDedupe<string>();
		const first = store.check('k');
		const retries = [store.check('k'), store.check('k'), store.check('k')];
		let settled = 0;
		const answers = retries.map((retry) => {
			if (retry.first) throw new Error('a retry was taken for a first delivery');
			return retry.wait(60_000, 'fallback').then((answer) => {
				settled++;
				return answer;
			});
		});
		await Promise.resolve();
		expect(settled).toBe(0);
		if (!first.first) throw new Error('not first');
		first.settle('success');
		await expect(Promise.all(answers)).resolves.toEqual(['success', 'success', 'success']);
	});

	test('only the first settle counts', async () => {
		const store = new CallbackDedupe<string>();
		const first = store.check('k');
		if (!first.first) throw new Error('not first');
		first.settle('a');
		first.settle('b');
		first.forget('c');
		const again = store.check('k');
		if (again.first) throw new Error('forgotten');
		await expect(again.wait(1_000, 'fallback')).resolves.toBe('a');
	});

	test('forget: waiting retries get the fallback, and the next delivery is a first one again', async () => {
		const store = new CallbackDedupe<string>();
		const first = store.check('k');
		const waiting = store.check('k');
		if (!first.first || waiting.first) throw new Error('unexpected');
		first.forget('success');
		await expect(waiting.wait(60_000, 'fallback')).resolves.toBe('success');
		expect(store.check('k').first).toBe(true);
	});

	test('keys expire after the TTL, counted from the answer', () => {
		let now = 0;
		const store = new CallbackDedupe<string>({ ttlMs: 1_000, now: () => now });
		const first = store.check('k');
		now = 900;
		if (!first.first) throw new Error('not first');
		first.settle('x'); // remembered until 1,900
		now = 1_800;
		expect(store.check('k').first).toBe(false);
		now = 1_901;
		expect(store.check('k').first).toBe(true);
	});

	test('expired keys are dropped, and the size stays within maxEntries (oldest out first)', () => {
		let now = 0;
		const store = new CallbackDedupe<string>({ ttlMs: 1_000, maxEntries: 3, now: () => now });
		for (const key of ['a', 'b', 'c', 'd']) store.check(key);
		expect(store.size).toBe(3);
		expect(store.check('a').first).toBe(true); // 'a' was evicted; now 'b' is the oldest and goes
		expect(store.check('c').first).toBe(false);
		expect(store.check('b').first).toBe(true);
		now = 5_000;
		store.check('e');
		expect(store.size).toBe(1);
	});

	test('a retry waits for a first delivery that never settles only as long as it was told, then gets the fallback', async () => {
		const store = new CallbackDedupe<string>();
		store.check('k'); // a first delivery whose handling never answers
		const retry = store.check('k');
		if (retry.first) throw new Error('not a retry');
		const started = performance.now();
		await expect(retry.wait(80, 'success')).resolves.toBe('success');
		expect(performance.now() - started).toBeGreaterThanOrEqual(75);
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	test('a retry gets the real answer as soon as it comes, not the fallback at the end of its wait', async () => {
		const store = new CallbackDedupe<string>();
		const first = store.check('k');
		const retry = store.check('k');
		if (!first.first || retry.first) throw new Error('unexpected');
		const waiting = retry.wait(60_000, 'fallback');
		setTimeout(() => first.settle('<xml>reply</xml>'), 20);
		const started = performance.now();
		await expect(waiting).resolves.toBe('<xml>reply</xml>');
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	test('prune drops every expired key, wherever it sits in the order', () => {
		let now = 0;
		const store = new CallbackDedupe<string>({ ttlMs: 1_000, now: () => now });
		const a = store.check('a');
		store.check('b');
		now = 500;
		if (a.first) a.settle('x'); // 'a' (oldest) now lives until 1,500, 'b' expires at 1,000
		now = 1_200;
		expect(store.prune()).toBe(1);
		expect(store.check('a').first).toBe(false);
		now = 2_000;
		expect(store.prune()).toBe(0);
	});

	test('evictOldest drops exactly that many of the oldest keys', () => {
		const store = new CallbackDedupe<string>();
		for (const key of ['a', 'b', 'c', 'd']) store.check(key);
		store.evictOldest(2);
		expect(store.size).toBe(2);
		expect(store.check('c').first).toBe(false);
		expect(store.check('a').first).toBe(true);
		store.evictOldest(10);
		expect(store.size).toBe(0);
	});

	test('10,000 distinct deliveries stay bounded', () => {
		const store = new CallbackDedupe<string>({ maxEntries: 500 });
		for (let i = 0; i < 10_000; i++) {
			const check = store.check(`id:${i}`);
			if (check.first) check.settle('success');
		}
		expect(store.size).toBe(500);
	});
});
