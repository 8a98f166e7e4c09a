/** Issue 8 defect 7: IDs above 2^53 in WeChat's answers reach the output exactly, matching the callback event. */
import { useOaFixture, FOLLOWERS, ORDER_TEMPLATE, OA } from '../oaFixture';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';

const fx = useOaFixture();

test('a template msgid above 2^53 is output as the exact digits of its TEMPLATESENDJOBFINISH MsgID', async () => {
	const result = await fx.run(
		new WeChatOaTemplate(),
		{
			resource: 'templateMessage',
			operation: 'send',
			templateId: ORDER_TEMPLATE,
			toUser: '={{ $json.openid }}',
			data: {
				keyword: [
					{ keyword: 'thing1', value: '运动鞋' },
					{ keyword: 'time2', value: '2026年11月23日 08:05' },
					{ keyword: 'character_string3', value: 'SF1234567890' },
				],
			},
		},
		{ items: FOLLOWERS.slice(0, 3).map((openid) => ({ json: { openid } })) },
	);
	const events = fx.emulator
		.oaEvents(OA.appId)
		.flatMap((event) => (event.Event === 'TEMPLATESENDJOBFINISH' ? [event.MsgID] : []));
	const wire = fx.emulator.state.oa.templateMessages.map((message) => message.msgid.toString());
	expect(wire.every((msgid) => BigInt(msgid) > 2n ** 53n)).toBe(true);
	expect(result.items.map((item) => item.json.msgid)).toEqual(wire);
	expect(result.items.map((item) => item.json.msgid)).toEqual(events);
});
