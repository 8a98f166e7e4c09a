/** WeChat OA → Permanent Material → Get is a download too: bounded by its Max Download Size option. */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useOaFixture } from '../oaFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const oa = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), parameters, options);
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 1)]);

test('a material over Max Download Size is an error naming the option; within it, the file', async () => {
	const image = await oa(
		{ resource: 'material', operation: 'upload', materialType: 'image', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: jpeg(1_200_000), fileName: 'a.jpg', mimeType: 'image/jpeg' })] },
	);
	const mediaId = String(image.items[0].json.media_id);
	const get = (options: Record<string, unknown>) =>
		oa({ resource: 'material', operation: 'get', mediaId, options } as INodeParameters);
	const refused = get({ maxDownloadSizeMb: 1 });
	await expect(refused).rejects.toBeInstanceOf(NodeOperationError);
	await expect(refused).rejects.toThrow(/Max Download Size.*1 MB/);
	expect((await get({})).items[0].json.size).toBe(1_200_000);
});
