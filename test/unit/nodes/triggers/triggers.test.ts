/**
 * Both triggers' webhook(): URL verification, every mode, refusals before any workflow starts, retries
 * deduplicated, filters, and the passive reply path into the reply nodes (run in n8n's engine).
 */
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { encrypt, getSignature } from '@wecom/crypto';
import { callWebhook } from '../../../helpers/webhook';
import { runNode } from '../../../helpers/harness';
import { startEmulator } from '../../../emulator';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { WeComTrigger } from '../../../../nodes/WeComTrigger/WeComTrigger.node';
import { WeChatOaReply } from '../../../../nodes/WeChatOaReply/WeChatOaReply.node';
import { WeComSend } from '../../../../nodes/WeComSend/WeComSend.node';
import { guardFor } from '../../../../nodes/shared/webhook/handleCallback';
import { triggerMemory } from '../../../../nodes/shared/webhook/dedupeStores';
import {
	OA_CREDENTIALS,
	OA_PLAIN_CREDENTIALS,
	WECOM_CREDENTIALS,
	oaPlain,
	oaSafe,
	openReply,
	wecom,
	xml,
	type Request,
} from './callbacks';
import { replyWith } from './replyRun';

let workflowCounter = 0;
const text = (content: string, msgId = String(BigInt('6054768590064713728') + BigInt(workflowCounter))) =>
	xml({
		ToUserName: 'gh_test',
		FromUserName: 'o_user',
		CreateTime: 1700000000,
		MsgType: 'text',
		Content: content,
		MsgId: msgId,
	});

async function oa(
	request: Request,
	parameters: IDataObject = {},
	workflowId = `wf${++workflowCounter}`,
	credentials: ICredentialDataDecryptedObject = OA_CREDENTIALS,
) {
	return await callWebhook({
		node: new WeChatOaTrigger(),
		webhookName: 'default',
		...request,
		credentials: { weChatOaApi: credentials },
		parameters,
		workflowId,
	});
}

/** An account in plaintext mode: the credential has no EncodingAESKey. */
const plainAccount = (request: Request, parameters: IDataObject = {}, workflowId?: string) =>
	oa(request, parameters, workflowId, OA_PLAIN_CREDENTIALS);

async function wc(request: Request, parameters: IDataObject = {}, workflowId = `wf${++workflowCounter}`) {
	return await callWebhook({
		node: new WeComTrigger(),
		webhookName: 'default',
		...request,
		credentials: { weComApi: WECOM_CREDENTIALS },
		parameters,
		workflowId,
	});
}

const items = (result: Awaited<ReturnType<typeof oa>>): INodeExecutionData[] => result.result.workflowData?.[0] ?? [];

describe('URL verification (GET)', () => {
	test('OA: echostr echoed verbatim after the signature checks out', async () => {
		const request = oaPlain('');
		const result = await callWebhook({
			node: new WeChatOaTrigger(),
			webhookName: 'setup',
			query: { ...request.query, echostr: '1234567890abc' },
			credentials: { weChatOaApi: OA_CREDENTIALS },
		});
		expect([result.response.status, result.response.body, result.result.workflowData]).toEqual([
			200,
			'1234567890abc',
			undefined,
		]);
		const forged = await callWebhook({
			node: new WeChatOaTrigger(),
			webhookName: 'setup',
			query: { ...request.query, signature: '0'.repeat(40), echostr: 'x' },
			credentials: { weChatOaApi: OA_CREDENTIALS },
		});
		expect(forged.response.status).toBe(401);
	});

	test('WeCom: echostr decrypted, CorpID checked, plaintext only', async () => {
		const timestamp = String(Math.floor(Date.now() / 1000));
		const nonce = 'n0nce';
		const echostr = encrypt(WECOM_CREDENTIALS.encodingAesKey, '1616140317555161061', WECOM_CREDENTIALS.corpId);
		const query = {
			msg_signature: getSignature(WECOM_CREDENTIALS.token, timestamp, nonce, echostr),
			timestamp,
			nonce,
			echostr,
		};
		const result = await callWebhook({
			node: new WeComTrigger(),
			webhookName: 'setup',
			query,
			credentials: { weComApi: WECOM_CREDENTIALS },
		});
		expect([result.response.status, result.response.body]).toEqual([200, '1616140317555161061']);
		const otherCorp = encrypt(WECOM_CREDENTIALS.encodingAesKey, '1', 'ww_someone_else');
		const wrong = await callWebhook({
			node: new WeComTrigger(),
			webhookName: 'setup',
			query: {
				msg_signature: getSignature(WECOM_CREDENTIALS.token, timestamp, nonce, otherCorp),
				timestamp,
				nonce,
				echostr: otherCorp,
			},
			credentials: { weComApi: WECOM_CREDENTIALS },
		});
		expect(wrong.response.status).toBe(403);
	});
});

describe('messages in each mode', () => {
	test.each([
		['plain', (m: string) => oaPlain(m)],
		['compatible', (m: string) => oaSafe(m, { compatible: true })],
		['safe', (m: string) => oaSafe(m)],
	])('OA %s mode: answered "success", one item with exact fields and no secrets', async (mode, build) => {
		const result = await (mode === 'plain' ? plainAccount : oa)(build(text('你好')));
		expect([result.response.status, result.response.body]).toEqual([200, 'success']);
		const [item] = items(result);
		expect(item.json).toMatchObject({
			ToUserName: 'gh_test',
			FromUserName: 'o_user',
			CreateTime: '1700000000',
			MsgType: 'text',
			Content: '你好',
			callback: { platform: 'oa', mode },
		});
		expect(typeof item.json.MsgId).toBe('string');
		const serialized = JSON.stringify(item);
		for (const secret of [OA_CREDENTIALS.token, OA_CREDENTIALS.encodingAesKey, OA_CREDENTIALS.appSecret])
			expect(serialized).not.toContain(secret);
	});

	test('WeCom: decrypted message and nested event payloads', async () => {
		const event =
			'<xml><ToUserName><![CDATA[ww_trigger_corp]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000001</CreateTime>' +
			'<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[yes]]></EventKey><TaskId><![CDATA[t1]]></TaskId>' +
			'<CardType><![CDATA[vote_interaction]]></CardType><ResponseCode><![CDATA[rc]]></ResponseCode><AgentID>1000002</AgentID>' +
			'<SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey><OptionIds><OptionId><![CDATA[a]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>';
		const result = await wc(wecom(event));
		expect(result.response.body).toBe('success');
		expect(items(result)[0].json).toMatchObject({
			Event: 'template_card_event',
			AgentID: '1000002',
			SelectedItems: { SelectedItem: [{ QuestionKey: 'q1', OptionIds: { OptionId: ['a'] } }] },
			callback: { platform: 'wecom', mode: 'safe' },
		});
	});
});

describe('refused before any workflow starts', () => {
	const cases: Array<[string, () => Request, number]> = [
		[
			'wrong signature',
			() => ({ ...oaPlain(text('x')), query: { ...oaPlain(text('x')).query, signature: 'f'.repeat(40) } }),
			401,
		],
		['missing signature', () => ({ query: { timestamp: '1', nonce: '2' }, rawBody: text('x') }), 401],
		[
			'stale timestamp',
			() => {
				const request = oaPlain(text('x'));
				const timestamp = String(Math.floor(Date.now() / 1000) - 3600);
				const signature = createHash('sha1')
					.update([OA_CREDENTIALS.token, timestamp, request.query.nonce].sort().join(''))
					.digest('hex');
				return { ...request, query: { ...request.query, timestamp, signature } };
			},
			401,
		],
		['wrong receiveId (another AppID)', () => oaSafe(text('x'), { receiveId: 'wx_other' }), 403],
		[
			'msg_signature not over this Encrypt',
			() => {
				const request = oaSafe(text('x'));
				return { ...request, rawBody: request.rawBody.replace(/<Encrypt><!\[CDATA\[(.)/, '<Encrypt><![CDATA[A$1') };
			},
			401,
		],
		['empty body', () => ({ ...oaPlain(''), rawBody: '' }), 400],
		['DOCTYPE with entities', () => oaPlain('<!DOCTYPE xml [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>'), 400],
		['not XML', () => oaPlain('{"MsgType":"text"}'), 400],
	];
	test.each(cases)('%s', async (_name, build, status) => {
		const result = await oa(build());
		expect(result.response.status).toBe(status);
		expect(result.result.workflowData).toBeUndefined();
		expect(result.warnings).toHaveLength(1);
		for (const secret of [OA_CREDENTIALS.token, OA_CREDENTIALS.encodingAesKey])
			expect(result.warnings[0] + result.response.body).not.toContain(secret);
	});

	test('a WeCom message encrypted for another corp', async () => {
		const result = await wc(wecom(text('x'), 'ww_other_corp'));
		expect(result.response.status).toBe(403);
		expect(result.result.workflowData).toBeUndefined();
	});
});

describe('plaintext downgrade: with an EncodingAESKey in the credential', () => {
	const body = (content: string, msgId: string) =>
		xml({
			ToUserName: 'gh_test',
			FromUserName: 'o_victim',
			CreateTime: 1700000000,
			MsgType: 'text',
			Content: content,
			MsgId: msgId,
		});
	/** What a proxy log shows of one genuine safe-mode request: its URL, query and signature included. */
	const seenQuery = () => {
		const { encrypt_type: _type, msg_signature: _signature, ...query } = oaSafe(text('genuine')).query;
		return query;
	};

	test('a forged plaintext POST with a seen query is refused (403, short reason, no run) and cannot pre-claim the real MsgId', async () => {
		const workflowId = `wf-downgrade-${++workflowCounter}`;
		const forged = await oa({ query: seenQuery(), rawBody: body('转账给我', '7000000000000000001') }, {}, workflowId);
		expect(forged.response.status).toBe(403);
		expect(forged.response.body).toMatch(/^plaintext message refused: .{0,120}$/);
		expect(forged.result.workflowData).toBeUndefined();
		expect(forged.warnings).toEqual([expect.stringContaining('plaintextRefused')]);
		for (const secret of [OA_CREDENTIALS.token, OA_CREDENTIALS.encodingAesKey])
			expect(forged.warnings[0] + forged.response.body).not.toContain(secret);
		// The genuine message with that MsgId still starts its run: the forgery did not claim it.
		const genuine = await oa(oaSafe(body('你好', '7000000000000000001')), {}, workflowId);
		expect(items(genuine).map((item) => item.json.Content)).toEqual(['你好']);
	});

	test('a plaintext POST correctly signed with the Token (an account switched back to 明文) is refused too, with the reason', async () => {
		const result = await oa(oaPlain(text('x')));
		expect([result.response.status, result.result.workflowData]).toEqual([403, undefined]);
		expect(result.response.body).toMatch(/EncodingAESKey.*safe or compatible/);
	});

	test('encrypt_type=aes without an Encrypt element: 400, no run, with or without plaintext accepted', async () => {
		const query = { ...seenQuery(), encrypt_type: 'aes' };
		for (const parameters of [{}, { options: { acceptPlaintext: true } }]) {
			const result = await oa({ query, rawBody: body('x', '7000000000000000002') }, parameters);
			expect([result.response.status, result.result.workflowData]).toEqual([400, undefined]);
		}
	});

	test('compatible mode takes the decrypted message, never the outer plaintext, for the item and the retry key', async () => {
		const workflowId = `wf-compatible-${++workflowCounter}`;
		const request = oaSafe(body('genuine', '7000000000000000003'), { compatible: true });
		const tampered = {
			...request,
			rawBody: request.rawBody
				.replace('o_victim', 'o_attacker')
				.replace('<![CDATA[genuine]]>', '<![CDATA[forged]]>')
				.replace('<![CDATA[7000000000000000003]]>', '<![CDATA[7000000000000000004]]>'),
		};
		expect(tampered.rawBody).toContain('o_attacker');
		const result = await oa(tampered, { options: { includeRawXml: true } }, workflowId);
		expect(items(result)[0].json).toMatchObject({
			FromUserName: 'o_victim',
			Content: 'genuine',
			MsgId: '7000000000000000003',
			rawXml: expect.not.stringContaining('attacker'),
			callback: { mode: 'compatible' },
		});
		// The outer MsgId was not taken as this delivery's key: a genuine message with it still runs.
		expect(items(await oa(oaSafe(body('next', '7000000000000000004')), {}, workflowId))).toHaveLength(1);
	});

	test('plaintext goes through when explicitly accepted (option), or when the credential has no key', async () => {
		const accepted = await oa(oaPlain(text('opt-in')), { options: { acceptPlaintext: true } });
		expect(items(accepted)[0].json).toMatchObject({ Content: 'opt-in', callback: { mode: 'plain' } });
		const noKey = await plainAccount(oaPlain(text('no key')));
		expect(items(noKey)[0].json).toMatchObject({ Content: 'no key', callback: { mode: 'plain' } });
		// Without a key, an encrypted message cannot be opened: a configuration error, not a pass.
		const encrypted = await plainAccount(oaSafe(text('sealed')));
		expect([encrypted.response.status, encrypted.result.workflowData]).toEqual([500, undefined]);
	});

	test('the option exists on the OA Trigger only, off by default; WeCom refuses plaintext even if it were set', async () => {
		const option = (node: typeof WeChatOaTrigger | typeof WeComTrigger) =>
			new node().description.properties
				.find((property) => property.name === 'options')
				?.options?.find((entry) => 'name' in entry && entry.name === 'acceptPlaintext');
		expect(option(WeChatOaTrigger)).toMatchObject({ type: 'boolean', default: false });
		expect(option(WeComTrigger)).toBeUndefined();
		const plain = wecom(text('x'));
		const result = await wc({ ...plain, rawBody: text('plaintext to WeCom') }, { options: { acceptPlaintext: true } });
		expect([result.response.status, result.result.workflowData]).toEqual([400, undefined]);
	});

	test('the URL check (GET) is the same in every OA mode; WeCom never echoes an echostr it cannot decrypt', async () => {
		const check = (credentials: ICredentialDataDecryptedObject, parameters: IDataObject = {}) =>
			callWebhook({
				node: new WeChatOaTrigger(),
				webhookName: 'setup',
				query: { ...oaPlain('').query, echostr: '5837397520665436492' },
				credentials: { weChatOaApi: credentials },
				parameters,
			});
		for (const result of [
			await check(OA_CREDENTIALS),
			await check(OA_PLAIN_CREDENTIALS),
			await check(OA_CREDENTIALS, { options: { acceptPlaintext: true } }),
		])
			expect([result.response.status, result.response.body]).toEqual([200, '5837397520665436492']);
		const timestamp = String(Math.floor(Date.now() / 1000));
		const plainEchostr = 'abcdefghijklmnop';
		const wecomCheck = await callWebhook({
			node: new WeComTrigger(),
			webhookName: 'setup',
			query: {
				msg_signature: getSignature(WECOM_CREDENTIALS.token, timestamp, 'n', plainEchostr),
				timestamp,
				nonce: 'n',
				echostr: plainEchostr,
			},
			credentials: { weComApi: WECOM_CREDENTIALS },
		});
		expect(wecomCheck.response.status).toBe(400);
		expect(wecomCheck.response.body).not.toContain(plainEchostr);
	});
});

describe('timestamp window option', () => {
	const stale = () => oaPlain(text('old'), OA_CREDENTIALS.token, String(Math.floor(Date.now() / 1000) - 3_600));
	test.each([[''], ['  '], ['abc'], [null], [-1]])('%p means the default 300 s, never "off"', async (window) => {
		const result = await plainAccount(stale(), { options: { timestampWindowSeconds: window } });
		expect([result.response.status, result.result.workflowData]).toEqual([401, undefined]);
	});

	test('only an explicit 0 turns the check off', async () => {
		expect(items(await plainAccount(stale(), { options: { timestampWindowSeconds: 0 } }))).toHaveLength(1);
	});
});

describe('what a trigger keeps in memory is bounded', () => {
	test('a retry whose first delivery never answers gets "success" within the guard time instead of hanging', async () => {
		const workflowId = `wf-hung-${++workflowCounter}`;
		const message = text('first never answers', '7000000000000000005');
		// A first delivery that claimed the key and then never settled it (the case the bound exists for).
		triggerMemory({
			getWorkflow: () => ({ id: workflowId }) as never,
			getNode: () => ({ id: 'node-test', name: 'Trigger' }) as never,
		}).retries.check('id:7000000000000000005');
		const started = Date.now();
		const retry = await Promise.race([
			oa(oaSafe(message), { reply: 'replyNode', options: { replyGuardMs: 500 } }, workflowId),
			new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000).unref()),
		]);
		expect(retry).toBeDefined();
		expect([retry?.response.status, retry?.response.body, retry?.result.workflowData]).toEqual([
			200,
			'success',
			undefined,
		]);
		expect(Date.now() - started).toBeLessThan(1_500);
	});

	test('junk traffic does not flood the log: at most 10 refusal lines a minute per trigger, none with a secret', async () => {
		const workflowId = `wf-junk-${++workflowCounter}`;
		const warnings: string[] = [];
		for (let i = 0; i < 40; i++) {
			const junk = { ...oaPlain(text(`junk ${i}`)), query: { ...oaPlain('').query, signature: 'f'.repeat(40) } };
			const result = await oa(junk, {}, workflowId);
			expect(result.response.status).toBe(401);
			warnings.push(...result.warnings);
		}
		expect(warnings).toHaveLength(10);
		for (const line of warnings) {
			expect(line).toMatch(/badSignature/);
			expect(line).not.toContain(OA_CREDENTIALS.token);
		}
		// Another trigger's refusals are still logged.
		const other = await oa({ ...oaPlain(text('x')), query: { timestamp: '1', nonce: '2' } });
		expect(other.warnings).toHaveLength(1);
	});
});

test("WeChat's retries start no second execution and get the same answer", async () => {
	const message = text('hello', '9223372036854775807');
	const first = await oa(oaSafe(message), {}, 'wf-retry');
	const retry = await oa(oaSafe(message), {}, 'wf-retry'); // WeChat re-signs each try
	expect(items(first)).toHaveLength(1);
	expect(retry.result.workflowData).toBeUndefined();
	expect([retry.response.status, retry.response.body]).toEqual([200, 'success']);
	const eventXml = xml({
		ToUserName: 'gh_test',
		FromUserName: 'o_user',
		CreateTime: 1700000100,
		MsgType: 'event',
		Event: 'subscribe',
		EventKey: '',
	});
	expect(items(await plainAccount(oaPlain(eventXml), {}, 'wf-retry'))).toHaveLength(1);
	expect(items(await plainAccount(oaPlain(eventXml), {}, 'wf-retry'))).toHaveLength(0);
});

test('Trigger On: only the chosen messages and events start the workflow', async () => {
	const params = { triggerOn: ['message:text', 'event:subscribe'] };
	expect(items(await plainAccount(oaPlain(text('a')), params))).toHaveLength(1);
	const image = await plainAccount(
		oaPlain(
			xml({
				ToUserName: 'gh',
				FromUserName: 'o',
				CreateTime: 1,
				MsgType: 'image',
				PicUrl: 'http://x',
				MediaId: 'm',
				MsgId: '77',
			}),
		),
		params,
	);
	expect([items(image).length, image.response.body]).toEqual([0, 'success']);
	const click = await plainAccount(
		oaPlain(
			xml({ ToUserName: 'gh', FromUserName: 'o', CreateTime: 2, MsgType: 'event', Event: 'CLICK', EventKey: 'k' }),
		),
		params,
	);
	expect(items(click)).toHaveLength(0);
	const subscribe = await plainAccount(
		oaPlain(xml({ ToUserName: 'gh', FromUserName: 'o', CreateTime: 3, MsgType: 'event', Event: 'subscribe' })),
		params,
	);
	expect(items(subscribe)).toHaveLength(1);
});

describe('passive replies', () => {
	test('OA safe mode: the reply node answers with an encrypted, signed reply WeChat can open', async () => {
		const trigger = await oa(oaSafe(text('echo me')), { reply: 'replyNode' });
		expect(trigger.response.status).toBeUndefined(); // left to the reply node
		const { sent, result } = await replyWith(new WeChatOaReply(), { weChatOaApi: OA_CREDENTIALS }, items(trigger), {
			resource: 'passiveReply',
			operation: 'text',
			content: '={{ "你说：" + $json.Content }}',
		});
		expect(result.items[0].json).toEqual({ replied: 'passive', msgType: 'text', toUser: 'o_user' });
		expect(sent).toHaveLength(1);
		const opened = openReply(String(sent[0].body), OA_CREDENTIALS.token, OA_CREDENTIALS.encodingAesKey);
		expect(opened.signatureOk).toBe(true);
		expect(opened.receiveId).toBe(OA_CREDENTIALS.appId);
		expect(opened.xml).toMatch(
			/<ToUserName><!\[CDATA\[o_user\]\]><\/ToUserName><FromUserName><!\[CDATA\[gh_test\]\]><\/FromUserName><CreateTime>\d+<\/CreateTime><MsgType><!\[CDATA\[text\]\]><\/MsgType><Content><!\[CDATA\[你说：echo me\]\]><\/Content>/,
		);
	});

	test('OA plain mode: a plaintext reply; a retry of that message gets the same reply', async () => {
		const message = text('plain please', '55500011');
		const trigger = await plainAccount(oaPlain(message), { reply: 'replyNode' }, 'wf-passive-plain');
		const { sent } = await replyWith(new WeChatOaReply(), { weChatOaApi: OA_PLAIN_CREDENTIALS }, items(trigger), {
			resource: 'passiveReply',
			operation: 'news',
			articles: { article: [{ title: '欢迎', description: 'd', picUrl: 'https://x/p.png', url: 'https://x' }] },
		});
		expect(String(sent[0].body)).toMatch(
			/^<xml><ToUserName><!\[CDATA\[o_user\]\]>.*<MsgType><!\[CDATA\[news\]\]><\/MsgType><ArticleCount>1<\/ArticleCount><Articles><item>/,
		);
		const retry = await plainAccount(oaPlain(message), { reply: 'replyNode' }, 'wf-passive-plain');
		expect(retry.result.workflowData).toBeUndefined();
		expect(retry.response.body).toBe(sent[0].body);
	});

	test('a slow workflow: the guard answers "success" in time, later writes are silenced, the reply goes out as a customer-service message', async () => {
		const emulator = await startEmulator({
			oaAccounts: [
				{
					appId: OA_CREDENTIALS.appId,
					appSecret: 'oa-secret-for-fallback',
					followers: ['o_user'],
					lastInteractionAt: { o_user: Date.now() },
				},
			],
		});
		try {
			const credentials = { ...OA_CREDENTIALS, appSecret: 'oa-secret-for-fallback', baseUrl: emulator.url };
			const trigger = await oa(oaSafe(text('slow')), { reply: 'replyNode', options: { replyGuardMs: 500 } });
			await new Promise((resolve) => setTimeout(resolve, 700));
			expect([trigger.response.status, trigger.response.body]).toEqual([200, 'success']);
			(trigger.response.raw as { end(body: string): void }).end('late'); // n8n's end-of-run answer
			expect([trigger.response.body, trigger.response.lateWrites]).toEqual(['success', 0]);
			const { sent, result } = await replyWith(new WeChatOaReply(), { weChatOaApi: credentials }, items(trigger), {
				resource: 'passiveReply',
				operation: 'text',
				content: 'late answer',
			});
			expect(sent).toEqual([]);
			expect(result.items[0].json).toEqual({
				replied: 'customerService',
				msgType: 'text',
				toUser: 'o_user',
				reason: expect.stringMatching(/guard had already answered/),
			});
			expect(emulator.log.entries({ path: '/cgi-bin/message/custom/send' }).map((entry) => entry.json)).toEqual([
				{ touser: 'o_user', msgtype: 'text', text: { content: 'late answer' } },
			]);
			const skipped = await replyWith(new WeChatOaReply(), { weChatOaApi: credentials }, items(trigger), {
				resource: 'passiveReply',
				operation: 'text',
				content: 'x',
				options: { whenLate: 'skip' },
			});
			expect(skipped.result.items[0].json).toMatchObject({ replied: 'skipped' });
		} finally {
			await emulator.close();
		}
	});

	test('WeCom: the clicked template-card button is relabelled, encrypted for the CorpID', async () => {
		const event = xml({
			ToUserName: WECOM_CREDENTIALS.corpId,
			FromUserName: 'zhangsan',
			CreateTime: 1700000200,
			MsgType: 'event',
			Event: 'template_card_event',
			EventKey: 'yes',
			TaskId: 't',
			AgentID: '1000002',
		});
		const trigger = await wc(wecom(event), { reply: 'replyNode' });
		const { sent, result } = await replyWith(new WeComSend(), { weComApi: WECOM_CREDENTIALS }, items(trigger), {
			resource: 'callbackReply',
			operation: 'replyUpdateButton',
			replaceName: '已同意',
		});
		expect(result.items[0].json).toEqual({ replied: 'passive', msgType: 'update_button', toUser: 'zhangsan' });
		const opened = openReply(String(sent[0].body), WECOM_CREDENTIALS.token, WECOM_CREDENTIALS.encodingAesKey);
		expect([opened.signatureOk, opened.receiveId]).toEqual([true, WECOM_CREDENTIALS.corpId]);
		expect(opened.xml).toContain(
			'<MsgType><![CDATA[update_button]]></MsgType><Button><ReplaceName><![CDATA[已同意]]></ReplaceName></Button>',
		);
	});

	test('a reply node fed by something other than a trigger says how to wire it', async () => {
		await expect(
			runNode({
				node: new WeChatOaReply(),
				parameters: { resource: 'passiveReply', operation: 'text', content: 'x' },
				credentials: { weChatOaApi: OA_CREDENTIALS },
				items: [{ json: { foo: 1 } }],
			}),
		).rejects.toMatchObject({
			message: 'Input item: does not come from a WeChat OA Trigger',
		});
	});
});

describe('the reply guard counts from when WeChat sent the request', () => {
	// 300 ms into the second 1700000000 (WeChat's timestamps are whole seconds: it sent at most 1 s after them).
	const now = 1_700_000_000_300;
	test.each([
		['a fresh request', { timestamp: '1700000000' }, 3_700],
		['n8n spent about 3 s before webhook()', { timestamp: '1699999997' }, 700],
		['already past the guard time: answered at once', { timestamp: '1699999996' }, 0],
		['older than 5 s: a clock skew, not a delay', { timestamp: '1699999990' }, 4_000],
		['in the future: a clock skew', { timestamp: '1700000009' }, 4_000],
		['no timestamp', {}, 4_000],
	])('%s', (_name, query, expected) => {
		expect(guardFor(4_000, query, now)).toBe(expected);
	});

	test('at the largest guard the option allows, "success" leaves within 4.5 s of the earliest possible send', () => {
		const field = new WeChatOaTrigger().description.properties
			.find((property) => property.name === 'options')
			?.options?.find((option) => 'name' in option && option.name === 'replyGuardMs') as
			{ typeOptions?: { maxValue?: number } } | undefined;
		const largest = field?.typeOptions?.maxValue ?? Number.NaN;
		expect(largest).toBeLessThanOrEqual(4_500);
		const sentSecond = 1_700_000_000;
		// Every arrival up to that guard time, in 10 ms steps: the guard's answer never comes later than 4.5 s.
		for (let age = 0; age <= largest; age += 10) {
			const now = sentSecond * 1000 + age;
			expect(now + guardFor(largest, { timestamp: String(sentSecond) }, now)).toBeLessThanOrEqual(
				sentSecond * 1000 + 4_500,
			);
		}
	});

	test('a stored guard above the maximum (an older workflow) is capped', async () => {
		const request = oaSafe(text('capped'));
		const started = Date.now();
		const trigger = await oa(request, { reply: 'replyNode', options: { replyGuardMs: 4_800 } });
		const deadline = (items(trigger)[0].json.callback as { replyBy: number }).replyBy;
		expect(deadline).toBeLessThanOrEqual(Number(request.query.timestamp) * 1000 + 4_500);
		expect(deadline).toBeGreaterThan(started);
	});
});
