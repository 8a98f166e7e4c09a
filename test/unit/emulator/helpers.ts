import { request } from 'undici';
import type { Emulator, WeComAppConfig } from '../../emulator';
import { parseJsonLossless } from '../../../nodes/shared/transport/json';

/** Talks to the emulator over real HTTP on 127.0.0.1, the way the nodes do. */

export const APP: WeComAppConfig = {
	corpId: 'ww_test_corp',
	corpSecret: 'test-secret-1000002',
	agentId: 1000002,
	users: ['zhangsan', 'lisi', 'wangwu', 'ZhaoLiu'],
	parties: [1, 2],
	tags: [1],
	unlicensedUsers: ['nolicence'],
};

/** A second app of the same corp, for "a token only works for its own app". */
export const OTHER_APP: WeComAppConfig = { corpId: 'ww_test_corp', corpSecret: 'test-secret-1000003', agentId: 1000003, users: ['zhangsan'] };

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	bytes: Buffer;
	/** The JSON body as an object (integers beyond 2^53 as exact strings); `{}` when the body was not JSON. */
	json: Record<string, unknown>;
}

export async function http(method: 'GET' | 'POST', url: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<HttpResult> {
	const response = await request(url, { method, body, headers });
	const bytes = Buffer.from(await response.body.arrayBuffer());
	const isJson = String(response.headers['content-type'] ?? '').startsWith('application/json');
	const parsed: unknown = isJson ? parseJsonLossless(bytes.toString('utf8')) : {};
	return { status: response.statusCode, headers: response.headers, bytes, json: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {} };
}

export async function postJson(emulator: Emulator, path: string, body: unknown): Promise<HttpResult> {
	return http('POST', `${emulator.url}${path}`, JSON.stringify(body), { 'content-type': 'application/json' });
}

export async function gettoken(emulator: Emulator, app: WeComAppConfig = APP): Promise<HttpResult> {
	const query = new URLSearchParams({ corpid: app.corpId, corpsecret: app.corpSecret });
	return http('GET', `${emulator.url}/cgi-bin/gettoken?${query.toString()}`);
}

export async function tokenOf(emulator: Emulator, app: WeComAppConfig = APP): Promise<string> {
	const { json } = await gettoken(emulator, app);
	if (typeof json.access_token !== 'string') throw new Error(`gettoken failed: ${JSON.stringify(json)}`);
	return json.access_token;
}

/** POST a WeCom API path with the token in the query, as the SDKs do. */
export async function call(emulator: Emulator, path: string, token: string, body: unknown): Promise<HttpResult> {
	return postJson(emulator, `${path}?access_token=${encodeURIComponent(token)}`, body);
}

export async function sendMessage(emulator: Emulator, token: string, body: Record<string, unknown>): Promise<HttpResult> {
	return call(emulator, '/cgi-bin/message/send', token, { agentid: APP.agentId, ...body });
}

export function text(content: string, touser = 'zhangsan'): Record<string, unknown> {
	return { touser, msgtype: 'text', text: { content } };
}

export interface FilePart {
	name?: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
	/** Add WeCom's `filelength=` Content-Disposition parameter (true = the real length). */
	filelength?: boolean | number;
}

/** A multipart body built by hand, so tests control every header byte (like WeCom's SDK clients). */
export function multipart(parts: FilePart[], boundary = '----EmulatorTestBoundary7MA4YWxkTrZu0gW'): { body: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let disposition = `form-data; name="${part.name ?? 'media'}"`;
		if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
		if (part.filelength !== undefined && part.filelength !== false) disposition += `; filelength=${part.filelength === true ? part.data.length : part.filelength}`;
		let head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n`;
		if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
		chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), part.data, Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(emulator: Emulator, token: string, type: string, parts: FilePart[], path = '/cgi-bin/media/upload'): Promise<HttpResult> {
	const { body, contentType } = multipart(parts);
	const query = new URLSearchParams({ access_token: token, type });
	return http('POST', `${emulator.url}${path}?${query.toString()}`, body, { 'content-type': contentType });
}

/** Minimal files whose first bytes are what WeCom sniffs. */
export const SAMPLES = {
	png: (size = 200): Buffer => padded(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), size),
	jpg: (size = 200): Buffer => padded(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), size),
	gif: (size = 200): Buffer => padded(Buffer.from('GIF89a', 'latin1'), size),
	amr: (size = 200): Buffer => padded(Buffer.from('#!AMR\n', 'latin1'), size),
	mp4: (size = 200): Buffer => padded(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42', 'latin1')]), size),
	pdf: (size = 200): Buffer => padded(Buffer.from('%PDF-1.7\n', 'latin1'), size),
};

function padded(head: Buffer, size: number): Buffer {
	const bytes = Buffer.alloc(size, 0x41);
	head.copy(bytes);
	return bytes;
}

export async function uploadMedia(emulator: Emulator, token: string, type: 'image' | 'voice' | 'video' | 'file'): Promise<string> {
	const data = { image: SAMPLES.png(), voice: SAMPLES.amr(), video: SAMPLES.mp4(), file: SAMPLES.pdf() }[type];
	const result = await upload(emulator, token, type, [{ filename: `sample.${type}`, data, filelength: true }]);
	if (typeof result.json.media_id !== 'string') throw new Error(`upload failed: ${JSON.stringify(result.json)}`);
	return result.json.media_id;
}
