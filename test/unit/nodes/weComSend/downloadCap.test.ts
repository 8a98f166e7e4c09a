/** Downloads are bounded: a file over the node's Max Download Size is an error naming the option, never buffered whole. */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useWeComFixture, pngBytes } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequest, ResponseTooLargeError } from '../../../../nodes/shared/transport/http';

const fx = useWeComFixture();

async function uploadPng(size: number): Promise<string> {
	const uploaded = await fx.send(
		{ resource: 'media', operation: 'uploadMedia', mediaType: 'file', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: pngBytes(size), fileName: 'big.png', mimeType: 'image/png' })] },
	);
	return String(uploaded.items[0].json.media_id);
}

const download = (mediaId: string, options: INodeParameters = {}) =>
	fx.send({ resource: 'media', operation: 'downloadMedia', mediaId, outputBinaryPropertyName: 'data', options });

test('a download over Max Download Size is refused with an error naming the option', async () => {
	const mediaId = await uploadPng(1_500_000);
	const run = download(mediaId, { maxDownloadSizeMb: 1 });
	await expect(run).rejects.toBeInstanceOf(NodeOperationError);
	await expect(run).rejects.toThrow(/Max Download Size.*1 MB/);
	expect(fx.entries('/cgi-bin/media/get')).toHaveLength(1); // never retried: the same file would be as big
});

test('a download within the limit (default 25 MB) comes through whole', async () => {
	const mediaId = await uploadPng(1_500_000);
	const result = await download(mediaId);
	expect(result.items[0].json.size).toBe(1_500_000);
	const bounded = await download(mediaId, { maxDownloadSizeMb: 2 });
	expect(bounded.items[0].json.size).toBe(1_500_000);
});

test('the transport stops reading a body past the cap, with or without Content-Length', async () => {
	let written = 0;
	const server = createServer((req, res) => {
		const chunk = Buffer.alloc(64 * 1024, 1);
		if (req.url?.startsWith('/sized')) res.writeHead(200, { 'content-length': String(10 * chunk.length) });
		else res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked, no length
		const timer = setInterval(() => {
			written += chunk.length;
			if (written > 50 * 1024 * 1024 || !res.write(chunk)) return;
		}, 1);
		res.on('close', () => clearInterval(timer));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	try {
		for (const path of ['/sized', '/streamed']) {
			written = 0;
			await expect(
				httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}${path}`, maxBytes: 200_000 }),
			).rejects.toBeInstanceOf(ResponseTooLargeError);
			expect(written).toBeLessThan(20 * 1024 * 1024); // it stopped reading; the server did not send it all
		}
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});
