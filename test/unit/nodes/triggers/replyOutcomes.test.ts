/**
 * What becomes of a passive reply: the HTTP answer, the late path (customer-service / application message), or
 * an error, and the output says which. WeChat always hears something in time: a reply node that fails leaves
 * the answer to the guard ("success", at once) and a retry of the same message is answered, never left waiting.
 */
import { randomUUID } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { callWebhook, type WebhookResult } from '../../../helpers/webhook';
import { binaryItem } from '../../../helpers/harness';
import { replyWith } from './replyRun';
import { useEmulator } from '../useEmulator';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { WeComTrigger } from '../../../../nodes/WeComTrigger/WeComTrigger.node';
import { WeChatOaReply } from '../../../../nodes/WeChatOaReply/WeChatOaReply.node';
import { WeComSend } from '../../../../nodes/WeComSend/WeComSend.node';
import { OA_CREDENTIALS, WECOM_CREDENTIALS, oaSafe, openReply, wecom, xml, type Request } from './callbacks';

const OA_SECRET = 'oa-secret-for-late-replies';
const CORP_SECRET = 'corp-secret-for-late-replies';
const emulator = useEmulator({
	oaAccounts: [
		{
			appId: OA_CREDENTIALS.appId,
			appSecret: OA_SECRET,
			followers: ['o_user'],
			lastInteractionAt: { o_user: Date.now() },
		},
	],
	wecomApps: [{ corpId: WECOM_CREDENTIALS.corpId, corpSecret: CORP_SECRET, agentId: 1000002, users: ['zhangsan'] }],
});
const oaCredentials = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	...OA_CREDENTIALS,
	appSecret: OA_SECRET,
	baseUrl: emulator().url,
	...overrides,
});
const wecomCredentials = (): ICredentialDataDecryptedObject => ({
	...WECOM_CREDENTIALS,
	corpSecret: CORP_SECRET,
	baseUrl: emulator().url,
});

let counter = 0;
const nextMsgId = () => String(BigInt('7054768590064713728') + BigInt(++counter));
const oaText = (content: string, msgId: string) =>
	xml({
		ToUserName: 'gh_test',
		FromUserName: 'o_user',
		CreateTime: 1700000000,
		MsgType: 'text',
		Content: content,
		MsgId: msgId,
	});
const wecomText = (content: string, msgId: string) =>
	xml({
		ToUserName: WECOM_CREDENTIALS.corpId,
		FromUserName: 'zhangsan',
		CreateTime: 1700000000,
		MsgType: 'text',
		Content: content,
		MsgId: msgId,
		AgentID: '1000002',
	});

type Platform = 'oa' | 'wecom';
async function trigger(platform: Platform, request: Request, workflowId: string, parameters: IDataObject = {}) {
	return await callWebhook({
		node: platform === 'oa' ? new WeChatOaTrigger() : new WeComTrigger(),
		webhookName: 'default',
		...request,
		credentials: platform === 'oa' ? { weChatOaApi: OA_CREDENTIALS } : { weComApi: WECOM_CREDENTIALS },
		parameters: { reply: 'replyNode', ...parameters },
		workflowId,
	});
}
const items = (result: WebhookResult): INodeExecutionData[] => result.result.workflowData?.[0] ?? [];

const oaReply = (input: INodeExecutionData[], parameters: INodeParameters, credentials = oaCredentials()) =>
	replyWith(new WeChatOaReply(), { weChatOaApi: credentials }, input, { resource: 'passiveReply', ...parameters });
const wecomReply = (input: INodeExecutionData[], parameters: INodeParameters) =>
	replyWith(new WeComSend(), { weComApi: wecomCredentials() }, input, { resource: 'callbackReply', ...parameters });

/** The promise's value, or 'still waiting' after `ms`: a retry that waits forever must fail the test, not hang it. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)));
	try {
		return await Promise.race([promise, late]);
	} finally {
		clearTimeout(timer);
	}
}

describe('a reply node that fails: WeChat hears "success" at once, the retry is answered, the error names the field', () => {
	const GUARD_MS = 4_500;
	const cases: Array<{
		name: string;
		platform: Platform;
		message: (msgId: string) => string;
		run: (input: INodeExecutionData[]) => Promise<unknown>;
		error: RegExp;
		fix: RegExp;
	}> = [
		{
			name: 'an OA news reply with 2 articles to a user message (WeChat takes 1 there)',
			platform: 'oa',
			message: (msgId) => oaText('news please', msgId),
			run: (input) =>
				oaReply(input, {
					operation: 'news',
					articles: {
						article: [
							{ title: 'One', url: 'https://x/1' },
							{ title: 'Two', url: 'https://x/2' },
						],
					},
				}),
			error: /^Articles: .*only 1 article/,
			fix: /one article|customer-service/i,
		},
		{
			name: 'a WeCom text reply over 2,048 bytes',
			platform: 'wecom',
			message: (msgId) => wecomText('long answer please', msgId),
			run: (input) => wecomReply(input, { operation: 'replyText', content: '中'.repeat(700) }),
			error: /^Content: .*2048 bytes/,
			fix: /shorten/i,
		},
		{
			name: 'a reply credential without the callback Token and EncodingAESKey',
			platform: 'oa',
			message: (msgId) => oaText('encrypted', msgId),
			run: (input) =>
				oaReply(input, { operation: 'text', content: 'hi' }, oaCredentials({ token: '', encodingAesKey: '' })),
			error: /^Credential: has no Token or EncodingAESKey/,
			fix: /same credential as the trigger/,
		},
	];

	test.each(cases)('$name', async ({ platform, message, run, error, fix }) => {
		const workflowId = `wf-fail-${randomUUID()}`;
		const body = message(nextMsgId());
		const request = () => (platform === 'oa' ? oaSafe(body) : wecom(body));
		const first = await trigger(platform, request(), workflowId, { options: { replyGuardMs: GUARD_MS } });
		expect(first.response.status).toBeUndefined(); // left to the reply node
		const started = Date.now();

		const failure = await run(items(first)).then(
			() => undefined,
			(thrown: unknown) => thrown as { message: string; description?: string },
		);
		expect(failure?.message).toMatch(error);
		expect(failure?.description).toMatch(fix);

		// Answered by the guard the moment the reply failed, well before the guard time, and only once.
		expect([first.response.status, first.response.body, first.response.lateWrites]).toEqual([200, 'success', 0]);
		expect(Date.now() - started).toBeLessThan(GUARD_MS);

		const retry = await within(
			trigger(platform, request(), workflowId, { options: { replyGuardMs: GUARD_MS } }),
			1_000,
		);
		expect(retry).not.toBe('still waiting');
		const answered = retry as WebhookResult;
		expect([answered.response.status, answered.response.body]).toEqual([200, 'success']);
		expect(answered.result.workflowData).toBeUndefined(); // no second run
	});

	test('a failure while building the reply (Content evaluates empty) also leaves the answer to the guard at once', async () => {
		const first = await trigger('oa', oaSafe(oaText('x', nextMsgId())), `wf-${randomUUID()}`);
		await expect(oaReply(items(first), { operation: 'text', content: '={{ $json.nothing ?? "" }}' })).rejects.toThrow(
			/^Content/,
		);
		expect([first.response.status, first.response.body]).toEqual([200, 'success']);
	});
});

describe("n8n's own answer at the end of a run never reaches WeChat while the reply slot is open", () => {
	/** What n8n writes when a responseNode run ends: `res.status(…).json(…)`, which ends in `res.end`. */
	const endOfRun = (result: WebhookResult, body: string) =>
		(result.response.raw as { end(body: string): unknown }).end(body);

	test('a node failed before any reply (500 "Error in workflow"): WeChat hears "success" at once, so does its retry', async () => {
		const workflowId = `wf-${randomUUID()}`;
		const body = oaText('a node before the reply fails', nextMsgId());
		const first = await trigger('oa', oaSafe(body), workflowId);
		endOfRun(first, '{"message":"Error in workflow"}');
		expect([first.response.status, first.response.body, first.response.lateWrites]).toEqual([200, 'success', 0]);
		const retry = await within(trigger('oa', oaSafe(body), workflowId), 1_000);
		expect(retry).not.toBe('still waiting');
		expect([(retry as WebhookResult).response.body, (retry as WebhookResult).result.workflowData]).toEqual([
			'success',
			undefined,
		]);
	});

	test('a reply relayed from a queue-mode worker goes out, and a retry gets the same reply', async () => {
		const workflowId = `wf-${randomUUID()}`;
		const body = oaText('answered by a worker', nextMsgId());
		const first = await trigger('oa', oaSafe(body), workflowId);
		const relayed = '<xml><Encrypt><![CDATA[from-a-worker]]></Encrypt></xml>';
		endOfRun(first, relayed);
		expect(first.response.body).toBe(relayed);
		const retry = await within(trigger('oa', oaSafe(body), workflowId), 1_000);
		expect(retry).not.toBe('still waiting');
		expect((retry as WebhookResult).response.body).toBe(relayed);
	});
});

describe('a reply that cannot go out passively goes out late or fails, and the output says which', () => {
	test('OA: a second item answering the same message goes out as a customer-service message', async () => {
		const first = await trigger('oa', oaSafe(oaText('two answers', nextMsgId())), `wf-${randomUUID()}`);
		const [item] = items(first);
		const { sent, result } = await oaReply([item, item], {
			operation: 'text',
			content: '={{ "answer " + $itemIndex }}',
		});
		expect(sent).toHaveLength(1);
		expect(openReply(String(sent[0].body), OA_CREDENTIALS.token, OA_CREDENTIALS.encodingAesKey).xml).toContain(
			'<Content><![CDATA[answer 0]]></Content>',
		);
		expect(result.items.map((out) => out.json)).toEqual([
			{ replied: 'passive', msgType: 'text', toUser: 'o_user' },
			{
				replied: 'customerService',
				msgType: 'text',
				toUser: 'o_user',
				reason: expect.stringMatching(/already answered this callback/),
			},
		]);
		expect(
			emulator()
				.log.entries({ path: '/cgi-bin/message/custom/send' })
				.map((entry) => entry.json),
		).toEqual([{ touser: 'o_user', msgtype: 'text', text: { content: 'answer 1' } }]);
	});

	test('WeCom: a second reply node (another branch) sends an application message, with its msgid', async () => {
		const first = await trigger('wecom', wecom(wecomText('two branches', nextMsgId())), `wf-${randomUUID()}`);
		const one = await wecomReply(items(first), { operation: 'replyText', content: 'branch A' });
		const two = await wecomReply(items(first), { operation: 'replyText', content: 'branch B' });
		expect([one.sent.length, two.sent.length]).toEqual([1, 0]);
		expect(one.result.items[0].json).toEqual({ replied: 'passive', msgType: 'text', toUser: 'zhangsan' });
		expect(two.result.items[0].json).toMatchObject({
			replied: 'appMessage',
			reason: expect.stringMatching(/already answered this callback/),
			msgid: expect.any(String),
		});
		expect(
			emulator()
				.log.entries({ path: '/cgi-bin/message/send' })
				.map((entry) => entry.json),
		).toEqual([{ touser: 'zhangsan', agentid: 1000002, msgtype: 'text', text: { content: 'branch B' } }]);
	});

	test('When Too Late = Skip: the output says skipped and why, and nothing is sent', async () => {
		const first = await trigger('oa', oaSafe(oaText('skip the second', nextMsgId())), `wf-${randomUUID()}`);
		await oaReply(items(first), { operation: 'text', content: 'first' });
		const { sent, result } = await oaReply(items(first), {
			operation: 'text',
			content: 'second',
			options: { whenLate: 'skip' },
		});
		expect(sent).toEqual([]);
		expect(result.items[0].json).toEqual({
			replied: 'skipped',
			msgType: 'text',
			toUser: 'o_user',
			reason: expect.stringMatching(/already answered this callback/),
		});
		expect(emulator().log.entries({ path: '/cgi-bin/message/custom/send' })).toEqual([]);
	});

	test('a reply kind with no late path is an error, never "replied"', async () => {
		const event = xml({
			ToUserName: WECOM_CREDENTIALS.corpId,
			FromUserName: 'zhangsan',
			CreateTime: 1700000300,
			MsgType: 'event',
			Event: 'template_card_event',
			EventKey: 'yes',
			TaskId: randomUUID(),
			AgentID: '1000002',
		});
		const first = await trigger('wecom', wecom(event), `wf-${randomUUID()}`);
		const parameters = { operation: 'replyUpdateButton', replaceName: '已同意' };
		await wecomReply(items(first), parameters);
		const second = await wecomReply(items(first), parameters).then(
			() => undefined,
			(thrown: unknown) => thrown as { message: string; description?: string },
		);
		expect(second?.message).toMatch(/already answered this callback/);
		expect(second?.description).toMatch(/When Too Late/);
	});

	test('the trigger ran in another n8n process: the output says the reply is unconfirmed, never "passive"', async () => {
		const first = await trigger('oa', oaSafe(oaText('queue mode', nextMsgId())), `wf-${randomUUID()}`);
		const [item] = items(first);
		const callback = item.json.callback as IDataObject;
		// What a worker sees: a slot id this process never opened, still inside its guard time.
		const elsewhere = { json: { ...item.json, callback: { ...callback, replyId: randomUUID() } } };
		const { sent, result } = await oaReply([elsewhere], { operation: 'text', content: 'from a worker' });
		expect(sent).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			replied: 'passiveUnconfirmed',
			msgType: 'text',
			toUser: 'o_user',
			reason: expect.stringMatching(/another n8n process/),
		});
	});
});

describe('late-path bodies carry only what the reply had', () => {
	test('OA video: the customer-service message has no made-up thumb_media_id', async () => {
		const first = await trigger('oa', oaSafe(oaText('video please', nextMsgId())), `wf-${randomUUID()}`);
		await oaReply(items(first), { operation: 'text', content: 'first' }); // answers the callback
		const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100)]);
		const input = binaryItem(items(first)[0].json, { data: mp4, fileName: 'v.mp4', mimeType: 'video/mp4' });
		const { result } = await oaReply([input], { operation: 'video', mediaSource: 'binary', title: 'Clip' });
		expect(result.items[0].json).toMatchObject({ replied: 'customerService', msgType: 'video' });
		const [custom] = emulator()
			.log.entries({ path: '/cgi-bin/message/custom/send' })
			.map((entry) => entry.json as { video?: IDataObject })
			.filter((body) => body.video);
		expect(custom.video).toEqual({ media_id: expect.any(String), title: 'Clip', description: '' });
	});

	test.each([
		[
			'news with 2 articles (customer-service news carry 1)',
			{
				operation: 'news',
				articles: {
					article: [
						{ title: 'A', url: 'https://x/a' },
						{ title: 'B', url: 'https://x/b' },
					],
				},
			},
			/^Articles: has 2 articles, and a customer-service news message carries 1/,
		],
		[
			'music without a Music URL (customer-service music needs one)',
			{ operation: 'music', thumbMediaId: 'thumb-1' },
			/^Music URL: is empty/,
		],
	])('OA %s: an error naming the field, nothing sent', async (_name, parameters, error) => {
		const subscribe = xml({
			ToUserName: 'gh_test',
			FromUserName: 'o_user',
			CreateTime: 1700000400 + counter,
			MsgType: 'event',
			Event: 'subscribe',
		});
		const first = await trigger('oa', oaSafe(subscribe), `wf-${randomUUID()}`);
		await oaReply(items(first), { operation: 'text', content: 'welcome' });
		await expect(oaReply(items(first), parameters)).rejects.toThrow(error);
		expect(emulator().log.entries({ path: '/cgi-bin/message/custom/send' })).toEqual([]);
	});

	test('WeCom news: an article without a URL goes out as text, never with an invented URL', async () => {
		const first = await trigger('wecom', wecom(wecomText('news', nextMsgId())), `wf-${randomUUID()}`);
		await wecomReply(items(first), { operation: 'replyText', content: 'first' });
		const { result } = await wecomReply(items(first), {
			operation: 'replyNews',
			articles: { article: [{ title: '周报', description: '本周进展' }] },
		});
		expect(result.items[0].json).toMatchObject({ replied: 'appMessage', msgType: 'news', sentAs: 'text' });
		expect(
			emulator()
				.log.entries({ path: '/cgi-bin/message/send' })
				.map((entry) => entry.json),
		).toEqual([{ touser: 'zhangsan', agentid: 1000002, msgtype: 'text', text: { content: '周报\n本周进展' } }]);
		const linked = await wecomReply(items(first), {
			operation: 'replyNews',
			articles: { article: [{ title: '周报', url: 'https://example.com/w' }] },
		});
		expect(linked.result.items[0].json).toMatchObject({ replied: 'appMessage', msgType: 'news' });
		expect(emulator().log.entries({ path: '/cgi-bin/message/send' })[1].json).toMatchObject({
			msgtype: 'news',
			news: { articles: [{ title: '周报', url: 'https://example.com/w' }] },
		});
	});
});
