/** A token answer without an access_token (a relay's or WeChat's odd answer) is retried as an error, never cached. */
import { useWeComFixture, items } from '../wecomFixture';

const fx = useWeComFixture();
const send = { resource: 'message', operation: 'sendText', toUser: 'zhangsan', content: 'hi' };

test('gettoken answering {errcode:0} without access_token: fetched again, never sent as "undefined"', async () => {
	fx.emulator.faults.add({ kind: 'errcode', errcode: 0, errmsg: 'ok', path: '/cgi-bin/gettoken' });
	const result = await fx.send(send, { items: items(2) });
	expect(result.items.every((item) => item.json.msgid)).toBe(true);
	expect(fx.entries('/cgi-bin/gettoken')).toHaveLength(2);
	const tokens = fx.entries('/cgi-bin/message/send').map((entry) => entry.query.access_token);
	expect(tokens).toHaveLength(2);
	expect(tokens).not.toContain('undefined');
});

test('a token answer without access_token every time ends as a clear error', async () => {
	fx.emulator.faults.add({ kind: 'errcode', errcode: 0, errmsg: 'ok', path: '/cgi-bin/gettoken', times: 10 });
	await expect(fx.send(send, { items: items(1) })).rejects.toThrow(/access_token/);
	expect(fx.entries('/cgi-bin/message/send')).toHaveLength(0);
});
