/**
 * The WeCom AI Bot Trigger's webhook() in callback-URL mode: URL verification with the empty receiveid, every
 * refusal before a run, each message type and event, the filter, retries and stream polls that never start a
 * run, media downloaded and decrypted, and no secret in any output. Requests are built with Tencent's
 * @wecom/crypto (test/emulator/aibot/callback.ts), independent of the code under test.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { decrypt } from '@wecom/crypto';
import { callWebhook } from '../../../helpers/webhook';
import { aiBotCallback, aiBotUrlCheck, startEmulator, type Emulator } from '../../../emulator';
import { WeComAiBotTrigger } from '../../../../nodes/WeComAiBotTrigger/WeComAiBotTrigger.node';
import { checkAiBotCredential } from '../../../../nodes/shared/aibot/credentialTest';
import { decodeAesKey, decryptMedia, encryptMessage } from '../../../../nodes/shared/crypto/cipher';

const BOT = {
	botId: 'aib_test_bot',
	token: 'aibot-callback-token',
	encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
	proxyUrl: '',
};

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});

let counter = 0;
const nextId = () => `CAIQ16HMjQYY/msg${++counter}=`;

function base(overrides: IDataObject = {}): IDataObject {
	return {
		msgid: nextId(),
		aibotid: BOT.botId,
		chattype: 'single',
		from: { userid: 'zhangsan' },
		response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC_SECRETISH',
		...overrides,
	};
}

interface Call {
	query: Record<string, string>;
	body?: string | Buffer;
	parameters?: IDataObject;
	workflowId?: string;
	credentials?: IDataObject;
	webhookName?: 'setup' | 'default';
	credentialId?: string;
}

async function call(request: Call) {
	return await callWebhook({
		node: new WeComAiBotTrigger(),
		webhookName: request.webhookName ?? 'default',
		query: request.query,
		rawBody: request.body,
		credentials: { weComAiBotApi: { ...BOT, ...request.credentials } as never },
		parameters: request.parameters,
		workflowId: request.workflowId ?? `aibot-wf${++counter}`,
		credentialId: request.credentialId,
	});
}

async function push(message: IDataObject | string, extra: Omit<Call, 'query' | 'body'> = {}) {
	const request = aiBotCallback(BOT, message);
	return await call({ query: request.query, body: request.body, ...extra });
}

function onlyItem(result: Awaited<ReturnType<typeof push>>): INodeExecutionData {
	const data = result.result.workflowData;
	expect(data).toHaveLength(1);
	expect(data?.[0]).toHaveLength(1);
	return data![0][0];
}

function expectNoSecrets(value: unknown): void {
	const text = JSON.stringify(value);
	expect(text).not.toContain(BOT.token);
	expect(text).not.toContain(BOT.encodingAesKey);
}

describe('URL verification (GET)', () => {
	it('answers the decrypted echostr when the signature holds and the receiveid is empty', async () => {
		const check = aiBotUrlCheck(BOT);
		const { response, result } = await call({ webhookName: 'setup', query: check.query });
		expect(response.status).toBe(200);
		expect(response.body).toBe(check.expected);
		expect(result.workflowData).toBeUndefined();
	});

	it('refuses a wrong signature', async () => {
		const check = aiBotUrlCheck({ ...BOT, token: 'another-token' });
		const { response } = await call({ webhookName: 'setup', query: check.query });
		expect(response.status).toBe(401);
		expect(response.body).not.toContain(check.expected);
	});
});

describe('messages', () => {
	it('starts a run on a text message with the reply context and no secret', async () => {
		const message = base({ msgtype: 'text', text: { content: 'hello robot' } });
		const result = await push(message);
		expect(result.response.status).toBe(200);
		expect(result.response.body).toBe('');
		const item = onlyItem(result);
		expect(item.json).toMatchObject({
			msgid: message.msgid,
			msgtype: 'text',
			chatId: 'zhangsan',
			chatType: 'single',
			userId: 'zhangsan',
			botId: BOT.botId,
			text: 'hello robot',
			images: [],
			files: [],
			callback: {
				platform: 'aibot',
				msgid: message.msgid,
				chatId: 'zhangsan',
				responseUrl: message.response_url,
			},
		});
		expect(item.json.response_url).toBeUndefined();
		expect(item.json.responseUrl).toBeUndefined();
		expectNoSecrets(item);
	});

	it('strips the @-mention of a group message and uses the group as the chat', async () => {
		const item = onlyItem(
			await push(
				base({ msgtype: 'text', chattype: 'group', chatid: 'wrGroup1', text: { content: '@RobotA  what is n8n?' } }),
			),
		);
		expect(item.json).toMatchObject({ chatId: 'wrGroup1', chatType: 'group', text: 'what is n8n?' });
	});

	it('keeps a leading @ in a one-to-one chat: only groups prefix the mention', async () => {
		const item = onlyItem(await push(base({ msgtype: 'text', text: { content: '@home is a tag' } })));
		expect(item.json.text).toBe('@home is a tag');
	});

	it('reads image, mixed, voice and file messages', async () => {
		const image = onlyItem(await push(base({ msgtype: 'image', image: { url: 'https://example.invalid/i1' } })));
		expect(image.json).toMatchObject({ msgtype: 'image', text: '', images: ['https://example.invalid/i1'] });

		const mixed = onlyItem(
			await push(
				base({
					msgtype: 'mixed',
					chattype: 'group',
					chatid: 'wrGroup2',
					mixed: {
						msg_item: [
							{ msgtype: 'text', text: { content: '@RobotA look at' } },
							{ msgtype: 'image', image: { url: 'https://example.invalid/m1' } },
							{ msgtype: 'text', text: { content: 'and this' } },
							{ msgtype: 'image', image: { url: 'https://example.invalid/m2' } },
						],
					},
				}),
			),
		);
		expect(mixed.json).toMatchObject({
			text: 'look at\nand this',
			images: ['https://example.invalid/m1', 'https://example.invalid/m2'],
		});

		const voice = onlyItem(await push(base({ msgtype: 'voice', voice: { content: '明天天气怎么样' } })));
		expect(voice.json).toMatchObject({ msgtype: 'voice', text: '明天天气怎么样' });

		const file = onlyItem(await push(base({ msgtype: 'file', file: { url: 'https://example.invalid/f1' } })));
		expect(file.json).toMatchObject({ msgtype: 'file', files: ['https://example.invalid/f1'] });
	});

	it('passes a quoted message on', async () => {
		const item = onlyItem(
			await push(
				base({ msgtype: 'text', text: { content: 'and?' }, quote: { msgtype: 'text', text: { content: 'earlier' } } }),
			),
		);
		expect(item.json.quote).toEqual({ msgtype: 'text', text: { content: 'earlier' } });
	});
});

describe('events', () => {
	it('starts on enter_chat, template_card_event and feedback_event with their details', async () => {
		const enter = onlyItem(
			await push(base({ msgtype: 'event', create_time: 1700000000, event: { eventtype: 'enter_chat' } })),
		);
		expect(enter.json).toMatchObject({
			msgtype: 'event',
			event: 'enter_chat',
			createTime: 1700000000,
			userId: 'zhangsan',
		});

		const card = onlyItem(
			await push(
				base({
					msgtype: 'event',
					event: {
						eventtype: 'template_card_event',
						template_card_event: { card_type: 'button_interaction', event_key: 'approve', task_id: 'task-1' },
					},
				}),
			),
		);
		expect(card.json).toMatchObject({
			event: 'template_card_event',
			eventData: { card_type: 'button_interaction', event_key: 'approve', task_id: 'task-1' },
		});

		const feedback = onlyItem(
			await push(
				base({ msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: { id: 'fb1', type: 1 } } }),
			),
		);
		expect(feedback.json).toMatchObject({ event: 'feedback_event', eventData: { id: 'fb1', type: 1 } });
	});

	it('answers but does not start on what the filter leaves out', async () => {
		const parameters = { triggerOn: ['message:text', 'event:template_card_event'] };
		const enter = await push(base({ msgtype: 'event', event: { eventtype: 'enter_chat' } }), { parameters });
		expect(enter.response.status).toBe(200);
		expect(enter.result.workflowData).toBeUndefined();
		const voice = await push(base({ msgtype: 'voice', voice: { content: 'hi' } }), { parameters });
		expect(voice.result.workflowData).toBeUndefined();
		const text = await push(base({ msgtype: 'text', text: { content: 'hi' } }), { parameters });
		expect(text.result.workflowData).toHaveLength(1);
	});
});

describe('retries and polls never start a second run', () => {
	it('drops a retry of the same msgid (re-encrypted, as WeCom sends it again)', async () => {
		const message = base({ msgtype: 'text', text: { content: 'once' } });
		const workflowId = 'aibot-retry';
		const first = await push(message, { workflowId });
		expect(first.result.workflowData).toHaveLength(1);
		const again = await push(message, { workflowId });
		expect(again.response.status).toBe(200);
		expect(again.response.body).toBe('');
		expect(again.result.workflowData).toBeUndefined();
		const other = await push(base({ msgtype: 'text', text: { content: 'twice' } }), { workflowId });
		expect(other.result.workflowData).toHaveLength(1);
	});

	it('answers a stream-refresh poll without a run', async () => {
		const poll = await push(base({ msgtype: 'stream', stream: { id: 'stream-1' } }));
		expect(poll.response.status).toBe(200);
		expect(poll.result.workflowData).toBeUndefined();
	});
});

describe("the check's secrets are kept, as in the other callback triggers", () => {
	// In n8n 2.x's default expression engine every credential read before the answer builds an isolate of its own.
	it('reads the credential once for a run of messages and polls, and again when a new Token refuses', async () => {
		const credentialId = `aibot-credential-${++counter}`;
		const results = [];
		for (let n = 0; n < 3; n++) {
			results.push(await push(base({ msgtype: 'text', text: { content: `m${n}` } }), { credentialId }));
		}
		results.push(await push(base({ msgtype: 'stream', stream: { id: 'stream-kept' } }), { credentialId }));
		expect(results.map((result) => [result.response.status, result.credentialReads])).toEqual([
			[200, 1],
			[200, 0],
			[200, 0],
			[200, 0],
		]);
		const renewed = { ...BOT, token: 'aibot-callback-token-new' };
		const request = aiBotCallback(renewed, base({ msgtype: 'text', text: { content: 'after' } }));
		const after = await call({ query: request.query, body: request.body, credentials: renewed, credentialId });
		expect([after.response.status, after.credentialReads]).toEqual([200, 1]);
		expect(onlyItem(after).json.text).toBe('after');
	});
});

describe('refusals before any run', () => {
	const text = () => base({ msgtype: 'text', text: { content: 'hi' } });

	async function expectRefused(result: Awaited<ReturnType<typeof call>>, status: number) {
		expect(result.response.status).toBe(status);
		expect(result.result.workflowData).toBeUndefined();
		expect(result.warnings.join('\n')).toMatch(/WeCom AI Bot Trigger refused a callback/);
		expectNoSecrets(result.warnings);
		expectNoSecrets(result.response.body);
	}

	it('refuses a forged signature', async () => {
		const request = aiBotCallback({ ...BOT, token: 'forger' }, text());
		await expectRefused(await call({ query: request.query, body: request.body }), 401);
	});

	it('refuses missing signature parameters and repeated ones', async () => {
		const request = aiBotCallback(BOT, text());
		const { msg_signature: _dropped, ...unsigned } = request.query;
		await expectRefused(await call({ query: unsigned, body: request.body }), 401);
		const repeated = { ...request.query, nonce: [request.query.nonce, 'x'] } as unknown as Record<string, string>;
		await expectRefused(await call({ query: repeated, body: request.body }), 400);
	});

	it('refuses a replay outside the timestamp window', async () => {
		const old = aiBotCallback(BOT, text(), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
		await expectRefused(await call({ query: old.query, body: old.body }), 401);
	});

	it('refuses a message encrypted for a receiveid other than the empty one', async () => {
		const request = aiBotCallback(BOT, text(), { receiveId: 'ww_some_corp' });
		await expectRefused(await call({ query: request.query, body: request.body }), 403);
	});

	it('refuses a message for another bot', async () => {
		const request = aiBotCallback(BOT, { ...text(), aibotid: 'aib_other' });
		await expectRefused(await call({ query: request.query, body: request.body }), 403);
	});

	it('refuses bodies that are empty, too large, not JSON, too deep or without encrypt', async () => {
		const request = aiBotCallback(BOT, text());
		await expectRefused(await call({ query: request.query, body: '' }), 400);
		await expectRefused(await call({ query: request.query, body: Buffer.alloc(1024 * 1024 + 1, 0x20) }), 413);
		await expectRefused(await call({ query: request.query, body: '<xml><Encrypt>x</Encrypt></xml>' }), 400);
		await expectRefused(
			await call({ query: request.query, body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
			400,
		);
		await expectRefused(await call({ query: request.query, body: '{"Encrypt":"abc"}' }), 400);
		await expectRefused(await call({ query: request.query, body: '[1]' }), 400);
	});

	it('refuses a signed message whose decrypted JSON is not a message', async () => {
		for (const inner of [
			'not json',
			'{"msgtype":"text","text":{"content":"x"},"from":{"userid":"u"}}',
			JSON.stringify({ ...text(), text: 'flat' }),
			`{"a":${'['.repeat(50)}${']'.repeat(50)}}`,
		]) {
			const request = aiBotCallback(BOT, inner);
			await expectRefused(await call({ query: request.query, body: request.body }), 400);
		}
	});

	it('answers 500 without a run when the credential has no Token or no valid key', async () => {
		const request = aiBotCallback(BOT, text());
		// An empty Token would make every signature computable by anyone: refused even for a request signed with it.
		const signedWithEmpty = aiBotCallback({ ...BOT, token: '' }, text());
		await expectRefused(
			await call({ query: signedWithEmpty.query, body: signedWithEmpty.body, credentials: { token: '' } }),
			500,
		);
		await expectRefused(
			await call({ query: request.query, body: request.body, credentials: { encodingAesKey: 'short' } }),
			500,
		);
	});
});

describe('media', () => {
	const png = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		Buffer.from('pixels'.repeat(20)),
	]);
	const pdf = Buffer.from('%PDF-1.4 report body');

	it('downloads and decrypts images and files into binary properties when asked', async () => {
		const imageUrl = emulator.aiBot.addMedia(BOT.encodingAesKey, png, 'photo.png');
		const fileUrl = emulator.aiBot.addMedia(BOT.encodingAesKey, pdf, '季度报告.pdf');
		const parameters = { options: { downloadMedia: true } };
		const image = onlyItem(await push(base({ msgtype: 'image', image: { url: imageUrl } }), { parameters }));
		expect(Buffer.from(image.binary!.image0.data, 'base64')).toEqual(png);
		expect(image.binary!.image0.mimeType).toBe('image/png');
		const file = onlyItem(await push(base({ msgtype: 'file', file: { url: fileUrl } }), { parameters }));
		expect(Buffer.from(file.binary!.file0.data, 'base64')).toEqual(pdf);
		expect(file.binary!.file0.fileName).toBe('季度报告.pdf');
	});

	it('reports a failed download in the item and still runs', async () => {
		const result = await push(base({ msgtype: 'image', image: { url: `${emulator.url}/aibot/media?id=gone` } }), {
			parameters: { options: { downloadMedia: true } },
		});
		const item = onlyItem(result);
		expect(item.binary).toBeUndefined();
		expect(item.json.mediaErrors).toEqual([expect.stringContaining('image0')]);
	});

	it('leaves media as URLs by default', async () => {
		const url = emulator.aiBot.addMedia(BOT.encodingAesKey, png, 'photo.png');
		const item = onlyItem(await push(base({ msgtype: 'image', image: { url } })));
		expect(item.binary).toBeUndefined();
		expect(item.json.images).toEqual([url]);
	});

	it('refuses media that is not whole AES blocks', () => {
		expect(() => decryptMedia(decodeAesKey(BOT.encodingAesKey), Buffer.alloc(31))).toThrow(/AES blocks/);
	});
});

describe("crypto cross-check with Tencent's @wecom/crypto", () => {
	it('decrypts what we encrypt for the empty receiveid', () => {
		const plaintext = JSON.stringify({
			msgtype: 'stream',
			stream: { id: 's1', finish: true, content: '你好 **n8n**' },
		});
		const ciphertext = encryptMessage(decodeAesKey(BOT.encodingAesKey), plaintext, '');
		expect(decrypt(BOT.encodingAesKey, ciphertext)).toMatchObject({ message: plaintext, id: '' });
	});
});

describe('credential test', () => {
	it('is the test n8n runs for the credential (testedBy names the method)', async () => {
		const node = new WeComAiBotTrigger();
		const testedBy = node.description.credentials?.[0].testedBy as string;
		const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
		const result = await test.call({} as never, {
			id: '1',
			name: 'bot',
			type: 'weComAiBotApi',
			data: { ...BOT, encodingAesKey: 'x' },
		});
		expect(result.status).toBe('Error');
	});

	it('accepts a complete credential and names the field that is wrong', () => {
		expect(checkAiBotCredential(BOT).status).toBe('OK');
		expect(checkAiBotCredential({ ...BOT, botId: '' })).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('Bot ID'),
		});
		expect(checkAiBotCredential({ ...BOT, token: ' ' })).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('Token'),
		});
		const short = checkAiBotCredential({ ...BOT, encodingAesKey: BOT.encodingAesKey.slice(1) });
		expect(short).toMatchObject({ status: 'Error', message: expect.stringContaining('EncodingAESKey') });
		expect(short.message).not.toContain(BOT.encodingAesKey.slice(1));
	});
});
