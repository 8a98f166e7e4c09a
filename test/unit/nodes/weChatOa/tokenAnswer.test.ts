/** stable_token answering without an access_token is retried as an error, never cached or sent as "undefined". */
import { useOaFixture } from '../oaFixture';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';

const fx = useOaFixture();

test('stable_token answering {errcode:0} without access_token: fetched again, never sent as "undefined"', async () => {
	fx.emulator.faults.add({ kind: 'errcode', errcode: 0, errmsg: 'ok', path: '/cgi-bin/stable_token' });
	const result = await fx.run(new WeChatOaTemplate(), { resource: 'template', operation: 'list' });
	expect(result.items.length).toBeGreaterThan(0);
	expect(fx.entries('/cgi-bin/stable_token')).toHaveLength(2);
	const tokens = fx.entries('/cgi-bin/template/get_all_private_template').map((entry) => entry.query.access_token);
	expect(tokens).toHaveLength(1);
	expect(tokens).not.toContain('undefined');
});
