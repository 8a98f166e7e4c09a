/**
 * WeChat OA Template under WeChat's quotas: a minute-quota refusal (45011) is waited out and sent again; a
 * 45009 is the account's DAILY quota ("reach max api daily quota limit"), which waiting minutes cannot help,
 * so it fails at once and the error says what does help.
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import { useOaFixture, FOLLOWERS, ORDER_TEMPLATE } from '../oaFixture';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';
import { timings } from '../../../../nodes/shared/testSeam';

const fx = useOaFixture();
const path = '/cgi-bin/message/template/send';
const parameters = {
	resource: 'templateMessage',
	operation: 'send',
	templateId: ORDER_TEMPLATE,
	toUser: FOLLOWERS[0],
	data: {
		keyword: [
			{ keyword: 'thing1', value: '运动鞋' },
			{ keyword: 'time2', value: '2026年11月23日 08:05' },
			{ keyword: 'character_string3', value: 'SF1234567890' },
		],
	},
};

let warn: jest.SpyInstance;
beforeEach(() => {
	timings.quotaMinuteMs = 150;
	warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
	warn.mockRestore();
	timings.quotaMinuteMs = 60_000;
});

test('45011 (minute quota) is waited out and the resend delivers once, with the wait in the output and the log', async () => {
	fx.emulator.faults.add({
		kind: 'errcode',
		errcode: 45011,
		errmsg: 'api minute-quota reach limit, must slower, retry next minute',
		path,
	});
	const result = await fx.run(new WeChatOaTemplate(), parameters);

	expect(result.items[0].json).toMatchObject({ msgid: expect.any(String), rateLimited: { waits: 1 } });
	expect((result.items[0].json.rateLimited as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(140);
	expect(fx.entries(path)).toHaveLength(2);
	expect(fx.emulator.state.oa.templateMessages.filter((message) => !message.deduplicated)).toHaveLength(1);
	expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
		expect.stringMatching(/template\/send refused with errcode 45011 \(minute quota\); item 0 waits 150 ms/),
	]);
});

test('45009 (daily quota) fails at once, without a resend, and says waiting does not help', async () => {
	fx.emulator.faults.add({ kind: 'errcode', errcode: 45009, errmsg: 'reach max api daily quota limit', path });
	await expect(fx.run(new WeChatOaTemplate(), parameters)).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 45009: reach max api daily quota limit/),
		description: expect.stringMatching(/daily quota .*midnight Beijing time.*clear_quota.*did not send again/),
	});
	expect(fx.entries(path)).toHaveLength(1);
	expect(warn).not.toHaveBeenCalled();
});
