/** Recall, template-card updates and the media operations, with the exact requests asserted. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useWeComFixture, pngBytes, APP } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';

const fx = useWeComFixture();

test('recall a sent message', async () => {
	const sent = await fx.send({ resource: 'message', operation: 'sendText', toUser: 'zhangsan', content: 'oops' });
	const msgid = String(sent.items[0].json.msgid);
	const result = await fx.send(
		{ resource: 'message', operation: 'recall', msgid: '={{ $json.msgid }}' },
		{ items: sent.items },
	);
	expect(fx.entries('/cgi-bin/message/recall').map((e) => e.json)).toEqual([{ msgid }]);
	expect(result.items[0].json).toEqual({ msgid, recalled: true });
	expect(fx.emulator.state.wecom.messages[0].recalledAt).toBeDefined();
	await expect(fx.send({ resource: 'message', operation: 'recall', msgid: 'no-such-msgid' })).rejects.toBeInstanceOf(
		NodeApiError,
	);
});

describe('update template card', () => {
	async function interactiveCard(): Promise<string> {
		const sent = await fx.send({
			resource: 'message',
			operation: 'sendTemplateCard',
			toUser: 'zhangsan',
			cardInput: 'json',
			cardJson: JSON.stringify({
				card_type: 'button_interaction',
				task_id: `t${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
				main_title: { title: '审批' },
				button_list: [{ text: '同意', key: 'yes' }],
			}),
		});
		return String(sent.items[0].json.response_code);
	}

	test('button text only, for everyone', async () => {
		const code = await interactiveCard();
		const result = await fx.send({
			resource: 'message',
			operation: 'updateTemplateCard',
			responseCode: code,
			updateMode: 'button',
			replaceName: '已同意',
		});
		expect(fx.entries('/cgi-bin/message/update_template_card').map((e) => e.json)).toEqual([
			{ atall: 1, agentid: APP.agentId, response_code: code, button: { replace_name: '已同意' } },
		]);
		expect(result.items[0].json).toEqual({ updated: true, invaliduser: '' });
	});

	test('the whole card, for chosen members, with the submitted text', async () => {
		const code = fx.emulator.registerWeComResponseCode({ corpId: APP.corpId, agentId: APP.agentId });
		await fx.send({
			resource: 'message',
			operation: 'updateTemplateCard',
			responseCode: code,
			updateMode: 'card',
			updateTarget: 'some',
			userids: 'zhangsan|lisi',
			partyids: '1',
			cardInput: 'form',
			cardType: 'vote_interaction',
			taskId: 'vote-77',
			mainTitle: '投票结束',
			cardActionType: 0,
			questionKey: 'q',
			voteOptions: 'a=A',
			submitText: '已投',
			submitKey: 'k',
			replaceText: '已提交',
			options: { enableIdTrans: true },
		});
		expect(fx.entries('/cgi-bin/message/update_template_card').map((e) => e.json)).toEqual([
			{
				userids: ['zhangsan', 'lisi'],
				partyids: [1],
				agentid: APP.agentId,
				response_code: code,
				enable_id_trans: 1,
				template_card: {
					card_type: 'vote_interaction',
					task_id: 'vote-77',
					main_title: { title: '投票结束' },
					card_action: { type: 0 },
					checkbox: { question_key: 'q', mode: 0, option_list: [{ id: 'a', text: 'A', is_checked: false }] },
					submit_button: { text: '已投', key: 'k' },
					replace_text: '已提交',
				},
			},
		]);
	});

	test("a response code works once: the second update fails with WeCom's errcode", async () => {
		const code = await interactiveCard();
		const params = { resource: 'message', operation: 'updateTemplateCard', responseCode: code, replaceName: 'x' };
		await fx.send(params);
		await expect(fx.send(params)).rejects.toBeInstanceOf(NodeApiError);
	});

	test('chosen targets without any ID is refused before the call', async () => {
		await expect(
			fx.send({
				resource: 'message',
				operation: 'updateTemplateCard',
				responseCode: 'c',
				updateTarget: 'some',
				replaceName: 'x',
			}),
		).rejects.toBeInstanceOf(NodeOperationError);
		expect(fx.entries('/cgi-bin/message/update_template_card')).toEqual([]);
	});
});

test('upload temporary media, upload a permanent image, download media with its file name', async () => {
	const data = pngBytes(2048);
	const uploaded = await fx.send(
		{ resource: 'media', operation: 'uploadMedia', mediaType: 'image' },
		{ items: [binaryItem({}, { data, fileName: '月报.png', mimeType: 'image/png' })] },
	);
	expect(uploaded.items[0].json).toMatchObject({ type: 'image', fileName: '月报.png', size: 2048 });
	expect(String(uploaded.items[0].json.created_at)).toMatch(/^\d+$/);
	expect(fx.entries('/cgi-bin/media/upload')[0].multipart).toEqual([
		expect.objectContaining({ name: 'media', filename: '月报.png', filelength: 2048 }),
	]);

	const image = await fx.send(
		{ resource: 'media', operation: 'uploadImage' },
		{ items: [binaryItem({}, { data, fileName: 'logo.png', mimeType: 'image/png' })] },
	);
	expect(image.items[0].json.url).toMatch(/^https:\/\//);
	expect(fx.entries('/cgi-bin/media/uploadimg')[0].multipart).toEqual([
		expect.objectContaining({ name: 'media', filename: 'logo.png', size: 2048 }),
	]);

	const downloaded = await fx.send({
		resource: 'media',
		operation: 'downloadMedia',
		mediaId: String(uploaded.items[0].json.media_id),
		outputBinaryPropertyName: 'file',
	});
	expect(downloaded.items[0].json).toMatchObject({ fileName: '月报.png', mimeType: 'image/png', size: 2048 });
	expect(downloaded.items[0].binary?.file.fileName).toBe('月报.png');
	expect((await downloaded.binary(0, 'file')).equals(data)).toBe(true);
});

test('download of an unknown media_id is an API error (40007), not a file', async () => {
	await expect(
		fx.send({ resource: 'media', operation: 'downloadMedia', mediaId: 'nope', outputBinaryPropertyName: 'data' }),
	).rejects.toMatchObject({
		message: expect.stringContaining('errcode 40007'),
	});
});

test('upload image refuses a non-image and a file over 2 MB before the upload', async () => {
	await expect(
		fx.send(
			{ resource: 'media', operation: 'uploadImage' },
			{ items: [binaryItem({}, { data: Buffer.from('plain text file'), fileName: 'a.png', mimeType: 'image/png' })] },
		),
	).rejects.toBeInstanceOf(NodeOperationError);
	await expect(
		fx.send(
			{ resource: 'media', operation: 'uploadImage' },
			{ items: [binaryItem({}, { data: pngBytes(2 * 1024 * 1024 + 1), fileName: 'a.png', mimeType: 'image/png' })] },
		),
	).rejects.toBeInstanceOf(NodeOperationError);
	expect(fx.entries('/cgi-bin/media/uploadimg')).toEqual([]);
});
