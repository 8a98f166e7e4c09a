/** Bad input fails before anything is sent, as a NodeOperationError naming the field; API errors explain themselves. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useWeComFixture, pngBytes } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';

const fx = useWeComFixture();
const to = { resource: 'message', toUser: 'zhangsan' };

async function fieldError(promise: Promise<unknown>): Promise<NodeOperationError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	return error as NodeOperationError;
}

afterEach(() => {
	// Whatever failed, nothing reached message/send.
	expect(fx.sent()).toEqual([]);
});

test('no recipient', async () => {
	const error = await fieldError(fx.send({ resource: 'message', operation: 'sendText', content: 'x' }));
	expect(error.message).toBe('Recipients: no member, department or tag is set');
	expect(error.description).toMatch(/Send to Everyone \(@all\)/);
});

test('unknown binary property lists the ones the item has', async () => {
	const error = await fieldError(
		fx.send(
			{ ...to, operation: 'sendImage', mediaSource: 'binary', binaryPropertyName: 'photo' },
			{ items: [binaryItem({}, { data: pngBytes(), fileName: 'a.png', mimeType: 'image/png' }, 'data')] },
		),
	);
	expect(error.message).toBe('Image (Input Binary Field): the input item has no binary property "photo"');
	expect(error.description).toBe('Use one of: "data".');
	expect(fx.entries('/cgi-bin/media/upload')).toEqual([]);
});

test('oversized and wrong-type media are refused before the upload', async () => {
	const big = await fieldError(
		fx.send(
			{ ...to, operation: 'sendVoice', mediaSource: 'binary', binaryPropertyName: 'data' },
			{
				items: [
					binaryItem(
						{},
						{
							data: Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(2 * 1024 * 1024)]),
							fileName: 'a.amr',
							mimeType: 'audio/amr',
						},
					),
				],
			},
		),
	);
	expect(big.message).toMatch(/^Voice \(Input Binary Field\): the voice is 2\.0 MB, over WeChat's 2 MB limit$/);
	const gif = await fieldError(
		fx.send(
			{ ...to, operation: 'sendImage', mediaSource: 'binary', binaryPropertyName: 'data' },
			{
				items: [
					binaryItem({}, { data: Buffer.from('GIF89a-not-allowed-here'), fileName: 'a.png', mimeType: 'image/png' }),
				],
			},
		),
	);
	expect(gif.message).toBe('Image (Input Binary Field): the image is not JPG or PNG (its content looks like GIF)');
	expect(gif.description).toBe('Convert it to JPG or PNG first.');
	expect(fx.entries('/cgi-bin/media/upload')).toEqual([]);
});

test('malformed template-card JSON, and a card missing required fields', async () => {
	const broken = await fieldError(
		fx.send({ ...to, operation: 'sendTemplateCard', cardInput: 'json', cardJson: '{"card_type": "text_notice",' }),
	);
	expect(broken.message).toMatch(/^Template Card JSON: is not valid JSON/);
	const incomplete = await fieldError(
		fx.send({
			...to,
			operation: 'sendTemplateCard',
			cardInput: 'json',
			cardJson: '{"card_type":"button_interaction","main_title":{"title":"t"}}',
		}),
	);
	expect(incomplete.message).toBe(
		'Template Card JSON: template_card.task_id is required for button_interaction; template_card.button_list needs 1 to 6 entries, has 0',
	);
});

test('agentId that is not a number, in the credential or the option', async () => {
	const inCredential = await fieldError(
		fx.send({ ...to, operation: 'sendText', content: 'x' }, { credentials: fx.credentials({ agentId: 'abc' }) }),
	);
	expect(inCredential.message).toBe('Agent ID (credential): "abc" is not a number');
	const inOption = await fieldError(
		fx.send({ ...to, operation: 'sendText', content: 'x', options: { agentId: '10x' } }),
	);
	expect(inOption.message).toBe('Options › Agent ID: "10x" is not a number');
});

test('text over 2048 bytes, empty content, a link without http(s), too many users', async () => {
	const long = await fieldError(fx.send({ ...to, operation: 'sendText', content: '长'.repeat(683) }));
	expect(long.message).toBe("Content: is 2049 bytes, over WeChat's 2048-byte limit");
	const empty = await fieldError(fx.send({ ...to, operation: 'sendText', content: '   ' }));
	expect(empty.message).toBe('Content: is empty');
	const link = await fieldError(
		fx.send({ ...to, operation: 'sendTextCard', title: 't', description: 'd', url: 'example.com' }),
	);
	expect(link.message).toBe('URL: "example.com" is not an http(s) URL');
	const many = await fieldError(
		fx.send({
			resource: 'message',
			operation: 'sendText',
			toUser: Array.from({ length: 1001 }, (_, i) => `u${i}`).join('|'),
			content: 'x',
		}),
	);
	expect(many.message).toBe("Member IDs (touser): has 1001 IDs, over WeCom's limit of 1000");
});

test('with continue-on-fail a bad item becomes an error item and the good ones are sent', async () => {
	const result = await fx.send(
		{ ...to, operation: 'sendText', content: '={{ $json.text }}' },
		{ continueOnFail: true, items: [{ json: { text: 'ok 1' } }, { json: { text: '' } }, { json: { text: 'ok 2' } }] },
	);
	expect(result.items.map((item) => [item.pairedItem, item.json.error ?? item.json.msgid !== undefined])).toEqual([
		[{ item: 0 }, true],
		[{ item: 1 }, 'Content: is empty'],
		[{ item: 2 }, true],
	]);
	expect(fx.sent().map((body) => (body as { text: { content: string } }).text.content)).toEqual(['ok 1', 'ok 2']);
	// afterEach expects nothing sent: clear it for this one test.
	fx.emulator.log.clear();
});

test('an API error carries errcode, errmsg and the hint, never the token', async () => {
	const error = await fx.send({ resource: 'message', operation: 'sendText', toUser: 'ghost', content: 'x' }).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	const apiError = error as NodeApiError;
	expect(apiError.message).toMatch(/^WeCom \/cgi-bin\/message\/send failed with errcode 81013: /);
	expect(apiError.description).toMatch(/every recipient is invalid.*可见范围/);
	const token = fx.entries('/cgi-bin/message/send')[0].query.access_token;
	expect(JSON.stringify({ ...apiError, message: apiError.message, description: apiError.description })).not.toContain(
		token,
	);
	fx.emulator.log.clear();
});
