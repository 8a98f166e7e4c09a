/**
 * The emulator's AI-bot pusher (callback mode) judges every answer as WeCom would take it: a stream with images
 * only in the final chunk, each with the md5 of its bytes; a card update with response_type update_template_card.
 * The bot here is a tiny HTTP server sealing its answers with Tencent's @wecom/crypto, scripted per test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { converse } from '../../emulator/aibot/pusher';

const SECRETS = { token: 'converse-token', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const image = (data: Buffer, hash = md5(data)) => ({
	msgtype: 'image',
	image: { base64: data.toString('base64'), md5: hash },
});

let server: Server;
let url: string;
/** What the bot answers: the first answer, then each poll's, in order (the last one repeats). */
let script: Array<Record<string, unknown>> = [];

function seal(reply: Record<string, unknown>): string {
	const encrypted = encrypt(SECRETS.encodingAesKey, JSON.stringify(reply), '');
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonce = randomBytes(6).toString('hex');
	return JSON.stringify({
		encrypt: encrypted,
		msgsignature: getSignature(SECRETS.token, timestamp, nonce, encrypted),
		timestamp,
		nonce,
	});
}

beforeAll(async () => {
	let answered = 0;
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const message = JSON.parse(
				decrypt(SECRETS.encodingAesKey, (JSON.parse(body) as { encrypt: string }).encrypt).message,
			) as {
				msgtype: string;
			};
			if (message.msgtype !== 'stream') answered = 0;
			const reply = script[Math.min(answered++, script.length - 1)];
			res.writeHead(200, { 'content-type': 'application/json' }).end(seal(reply));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

const message = (overrides: Record<string, unknown> = {}) => ({
	msgid: randomBytes(8).toString('hex'),
	aibotid: 'aib_converse',
	chattype: 'single',
	from: { userid: 'lisi' },
	msgtype: 'text',
	text: { content: 'hi' },
	...overrides,
});
const stream = (fields: Record<string, unknown>) => ({
	msgtype: 'stream',
	stream: { id: 's1', content: '', finish: false, ...fields },
});
const talk = (overrides: Record<string, unknown> = {}) =>
	converse({ url, ...SECRETS, message: message(overrides), pollEveryMs: 10, pollForMs: 2_000 });

it('records the images of the final chunk, by md5 and size', async () => {
	script = [stream({}), stream({ content: 'Here', finish: true, msg_item: [image(PNG)] })];
	const conversation = await talk();
	expect(conversation.polls.map((poll) => poll.problem)).toEqual([undefined]);
	expect(conversation).toMatchObject({
		finished: true,
		content: 'Here',
		images: [{ md5: md5(PNG), bytes: PNG.length }],
	});
});

it('refuses images before the final chunk, an md5 that does not match, and an image that is neither JPG nor PNG', async () => {
	script = [stream({}), stream({ content: 'early', msg_item: [image(PNG)] }), stream({ finish: true })];
	expect((await talk()).polls[0].problem).toMatch(/msg_item is only allowed with finish: true/);
	script = [stream({}), stream({ finish: true, msg_item: [image(PNG, md5(Buffer.from('other')))] })];
	expect((await talk()).polls[0].problem).toMatch(/md5 does not match its bytes/);
	script = [stream({}), stream({ finish: true, msg_item: [image(Buffer.from('GIF89a-not-allowed'))] })];
	expect((await talk()).polls[0].problem).toMatch(/neither JPG nor PNG/);
});

it("judges a card click's answer as a card update", async () => {
	const click = {
		msgtype: 'event',
		event: { eventtype: 'template_card_event', template_card_event: { event_key: 'a' } },
	};
	const card = { card_type: 'button_interaction', main_title: { title: 'Chosen' } };
	script = [{ response_type: 'update_template_card', template_card: card }];
	expect((await talk(click)).answer?.problem).toBeUndefined();
	script = [{ msgtype: 'template_card', template_card: card }];
	expect((await talk(click)).answer?.problem).toMatch(/response_type must be update_template_card/);
});
