/**
 * Issue 8 defect 5: Preview sends an image the way WeChat's preview API documents it, `image.media_id` (one
 * image), while Send to All / Send to OpenIDs keep `images.media_ids`; the emulator refuses `images` on preview.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS } from '../oaFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeChatOaMassSend } from '../../../../nodes/WeChatOaMassSend/WeChatOaMassSend.node';

const fx = useOaFixture();
const mass = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOaMassSend(), parameters, options);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 2)]);
const preview = { resource: 'mass', operation: 'preview', previewTo: 'openid', previewRecipient: FOLLOWERS[0] };

async function uploadImage(): Promise<string> {
	const image = await mass(
		{ resource: 'upload', operation: 'uploadMedia', mediaType: 'image', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: png(), fileName: 'i.png', mimeType: 'image/png' })] },
	);
	return String(image.items[0].json.media_id);
}

test('an image preview goes out as image.media_id and reaches the follower', async () => {
	const imageId = await uploadImage();
	const result = await mass({ ...preview, msgType: 'image', imageSource: 'mediaIds', imageMediaIds: imageId });
	expect(fx.bodies('/cgi-bin/message/mass/preview')).toEqual([
		{ touser: FOLLOWERS[0], msgtype: 'image', image: { media_id: imageId } },
	]);
	expect(result.items[0].json).toMatchObject({ touser: FOLLOWERS[0], msgtype: 'image', previewed: true });
	expect(fx.emulator.state.oa.massPreviews).toHaveLength(1);
});

test('an image preview from a binary property uploads it and previews that one image', async () => {
	const result = await mass(
		{ ...preview, msgType: 'image', imageSource: 'binary', imageBinaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: png(), fileName: 'i.png', mimeType: 'image/png' })] },
	);
	const [uploaded] = fx.entries('/cgi-bin/media/upload');
	const mediaId = String((uploaded.response as Record<string, unknown>).media_id);
	expect(fx.bodies('/cgi-bin/message/mass/preview')).toEqual([
		{ touser: FOLLOWERS[0], msgtype: 'image', image: { media_id: mediaId } },
	]);
	expect(result.items[0].json.previewed).toBe(true);
});

test('several images on a preview are refused before anything is sent, naming the field', async () => {
	const imageId = await uploadImage();
	const run = mass({ ...preview, msgType: 'image', imageSource: 'mediaIds', imageMediaIds: `${imageId}|${imageId}` });
	await expect(run).rejects.toThrow(NodeOperationError);
	await expect(run).rejects.toThrow(/Image Media ID.*one image/s);
	expect(fx.entries('/cgi-bin/message/mass/preview')).toHaveLength(0);
});

test('Send to All keeps images.media_ids for several images', async () => {
	const imageId = await uploadImage();
	await mass({
		resource: 'mass',
		operation: 'sendAll',
		audience: 'tag',
		tagId: 100,
		msgType: 'image',
		imageSource: 'mediaIds',
		imageMediaIds: `${imageId},${imageId}`,
	});
	const [body] = fx.bodies('/cgi-bin/message/mass/sendall') as Array<Record<string, unknown>>;
	expect(body.images).toEqual({ media_ids: [imageId, imageId], need_open_comment: 0, only_fans_can_comment: 0 });
	expect(body.image).toBeUndefined();
});
