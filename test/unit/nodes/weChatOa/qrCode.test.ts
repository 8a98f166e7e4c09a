/** WeChat OA → QR Code against the emulator: scene codes with their picture from the image host, short keys. */
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useOaFixture } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const qr = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'qrCode', ...parameters }, options);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const apiCalls = () => fx.emulator.log.entries().filter((entry) => entry.path !== '/cgi-bin/stable_token');

test('a temporary text-scene code: WeChat’s body, the ticket and URL, and its picture from the image host', async () => {
	// The API and the image host are different hosts, as api.weixin.qq.com and mp.weixin.qq.com are.
	const imageHost = fx.emulator.url.replace('127.0.0.1', 'localhost');
	const result = await qr(
		{ operation: 'create', codeType: 'temporary', sceneType: 'string', sceneStr: 'poster-autumn', expireSeconds: 3600 },
		{ credentials: fx.credentials({ qrImageBaseUrl: imageHost }) },
	);
	expect(fx.bodies('/cgi-bin/qrcode/create')).toEqual([
		{ expire_seconds: 3600, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'poster-autumn' } } },
	]);
	const json = result.items[0].json;
	const ticket = String(json.ticket);
	expect(ticket).toMatch(/[+/=]/); // WeChat's tickets need URL-encoding
	expect(json).toEqual({
		ticket,
		url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//),
		scene_str: 'poster-autumn',
		permanent: false,
		expire_seconds: 3600,
		image_url: `${imageHost}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`,
	});
	const image = await result.binary(0, 'data');
	expect(image.subarray(0, 4)).toEqual(PNG);
	expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'qrcode-poster-autumn.png' });
	const [show] = fx.entries('/cgi-bin/showqrcode');
	expect(show.query).toEqual({ ticket });
	expect(show.headers.host).toBe(new URL(imageHost).host);
	expect(fx.entries('/cgi-bin/qrcode/create')[0].headers.host).toBe(new URL(fx.emulator.url).host);
});

test('a permanent number-scene code without its picture: QR_LIMIT_SCENE, no expire_seconds, no download', async () => {
	const result = await qr({
		operation: 'create',
		codeType: 'permanent',
		sceneType: 'id',
		sceneId: 100000,
		downloadImage: false,
	});
	expect(fx.bodies('/cgi-bin/qrcode/create')).toEqual([
		{ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100000 } } },
	]);
	expect(result.items[0].json).toMatchObject({ scene_id: 100000, permanent: true });
	expect(result.items[0].json.expire_seconds).toBeUndefined();
	expect(result.items[0].binary).toBeUndefined();
	expect(fx.entries('/cgi-bin/showqrcode')).toEqual([]);
});

test('Get Image downloads a ticket’s picture; an expired ticket is an API error with the reason', async () => {
	const created = await qr({
		operation: 'create',
		sceneType: 'id',
		sceneId: 7,
		expireSeconds: 60,
		downloadImage: false,
	});
	const ticket = String(created.items[0].json.ticket);
	const image = await qr({ operation: 'getImage', ticket, binaryPropertyName: 'qr' });
	expect((await image.binary(0, 'qr')).subarray(0, 4)).toEqual(PNG);

	fx.emulator.advanceTime(61);
	const error = await qr({ operation: 'getImage', ticket }).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toMatch(/showqrcode answered HTTP 404/);
	expect((error as NodeApiError).description).toMatch(/unknown or has expired/);
});

test('a short key stores text and gives it back; an unknown key is 9410012 with a fix', async () => {
	const longData = `https://shop.example.com/landing?${'utm=wechat&'.repeat(40)}`;
	const created = await qr({ operation: 'createShortKey', longData, expireSeconds: 86400 });
	expect(fx.bodies('/cgi-bin/shorten/gen')).toEqual([{ long_data: longData, expire_seconds: 86400 }]);
	const shortKey = String(created.items[0].json.short_key);
	expect(shortKey).toMatch(/^[0-9a-zA-Z]{15}$/);
	fx.emulator.advanceTime(100);
	const fetched = await qr({ operation: 'fetchShortKey', shortKey });
	expect(fetched.items[0].json).toEqual({
		short_key: shortKey,
		long_data: longData,
		create_time: expect.any(Number),
		expire_seconds: expect.any(Number),
	});
	expect(Number(fetched.items[0].json.expire_seconds)).toBeGreaterThan(86290);
	expect(Number(fetched.items[0].json.expire_seconds)).toBeLessThanOrEqual(86300);
	const unknown = await qr({ operation: 'fetchShortKey', shortKey: 'AAAAAAAAAAAAAAA' }, { continueOnFail: true });
	expect(unknown.items[0].json.error).toMatch(/shorten\/fetch failed with errcode 9410012/);
	expect(unknown.items[0].json.description).toMatch(/Generate a new short key/);
});

describe('bad input is refused before anything is sent', () => {
	const refused = async (parameters: INodeParameters, message: RegExp) => {
		const error = await qr(parameters).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect(apiCalls()).toEqual([]);
	};
	test('a permanent scene ID over 100000', () =>
		refused(
			{ operation: 'create', codeType: 'permanent', sceneType: 'id', sceneId: 100001 },
			/Scene ID: 100001 is not a whole number from 1 to 100000/,
		));
	test('a scene over 64 characters', () =>
		refused({ operation: 'create', sceneType: 'string', sceneStr: 'x'.repeat(65) }, /Scene: is 65 characters/));
	test('an expiry over 30 days', () =>
		refused(
			{ operation: 'create', sceneType: 'id', sceneId: 1, expireSeconds: '={{ 2592001 }}' },
			/Expire After \(Seconds\): 2592001 is not a whole number from 1 to 2592000/,
		));
	test('long data over 4 KB', () =>
		refused({ operation: 'createShortKey', longData: '长'.repeat(1366) }, /Long Data: is 4098 bytes/));
});
