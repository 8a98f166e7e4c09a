/**
 * Writes that may be replayed: the answer to the first attempt is lost after WeChat did the work (connection
 * reset after the request was applied), the transport replays it, and WeChat answers "already recalled" /
 * "already deleted". That is success, with a note saying so; the same answer to a first attempt stays an error.
 */
import { NodeApiError } from 'n8n-workflow';
import { useWeComFixture } from './wecomFixture';
import { useOaFixture, FOLLOWERS } from './oaFixture';
import { binaryItem } from '../../helpers/harness';
import { WeChatOaMassSend } from '../../../nodes/WeChatOaMassSend/WeChatOaMassSend.node';

describe('WeCom Send → Recall', () => {
	const fx = useWeComFixture();
	const path = '/cgi-bin/message/recall';

	test('a replay after a lost answer that WeCom refuses as already recalled counts as recalled', async () => {
		const sent = await fx.send({ resource: 'message', operation: 'sendText', toUser: 'zhangsan', content: 'oops' });
		const msgid = String(sent.items[0].json.msgid);
		fx.emulator.faults.add({ kind: 'resetAfterApply', path });
		const result = await fx.send({ resource: 'message', operation: 'recall', msgid });
		expect(fx.entries(path).map((entry) => entry.response)).toEqual([
			{ errcode: 0, errmsg: 'ok' },
			expect.objectContaining({ errcode: 40058 }),
		]);
		expect(result.items[0].json).toEqual({
			msgid,
			recalled: true,
			note: expect.stringMatching(/^Already recalled.*40058/s),
		});
		expect(fx.emulator.state.wecom.messages[0].recalledAt).toBeDefined();
	});

	test('recalling an already recalled message in a new run is still an error', async () => {
		const sent = await fx.send({ resource: 'message', operation: 'sendText', toUser: 'zhangsan', content: 'oops' });
		const msgid = String(sent.items[0].json.msgid);
		await fx.send({ resource: 'message', operation: 'recall', msgid });
		await expect(fx.send({ resource: 'message', operation: 'recall', msgid })).rejects.toBeInstanceOf(NodeApiError);
	});
});

describe('WeChat OA Mass Send → Delete', () => {
	const fx = useOaFixture();
	const path = '/cgi-bin/message/mass/delete';
	const mass = (parameters: Record<string, unknown>, options: Parameters<typeof fx.run>[2] = {}) =>
		fx.run(new WeChatOaMassSend(), parameters as never, options);
	const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(796, 1)]);

	async function sentArticles(): Promise<string> {
		const thumb = await mass(
			{ resource: 'upload', operation: 'uploadMedia', mediaType: 'thumb', binaryPropertyName: 'data' },
			{ items: [binaryItem({}, { data: jpeg, fileName: 'c.jpg', mimeType: 'image/jpeg' })] },
		);
		const news = await mass({
			resource: 'upload',
			operation: 'uploadNews',
			articles: {
				article: [{ title: '通知', thumbMediaId: String(thumb.items[0].json.media_id), content: '<p>x</p>' }],
			},
		});
		const sent = await mass({
			resource: 'mass',
			operation: 'send',
			openIds: FOLLOWERS.slice(0, 2).join('|'),
			msgType: 'mpnews',
			mpnewsMediaId: String(news.items[0].json.media_id),
		});
		return String(sent.items[0].json.msg_id);
	}

	test('a replay after a lost answer that WeChat refuses as no longer deletable counts as deleted', async () => {
		const msgId = await sentArticles();
		fx.emulator.faults.add({ kind: 'resetAfterApply', path });
		const result = await mass({ resource: 'mass', operation: 'delete', msgId });
		expect(fx.entries(path).map((entry) => (entry.response as { errcode?: number } | undefined)?.errcode)).toEqual([
			0, 40059,
		]);
		expect(result.items[0].json).toMatchObject({
			msg_id: msgId,
			deleted: true,
			note: expect.stringMatching(/^Already deleted.*40059/s),
		});
		expect(fx.emulator.state.oa.massJobs[0].status).toBe('DELETE');
	});

	test('deleting an unknown msg_id on the first attempt is still an error', async () => {
		await expect(mass({ resource: 'mass', operation: 'delete', msgId: '123' })).rejects.toBeInstanceOf(NodeApiError);
	});
});
