import { redact, WeChatApiError } from '../../../nodes/shared/transport/errors';
import { fileNameFromDisposition } from '../../../nodes/shared/transport/client';
import { encodeMultipart, TransportError } from '../../../nodes/shared/transport/http';
import { isRetryable } from '../../../nodes/shared/transport/retry';

test('redact removes tokens and secrets from URLs and JSON', () => {
	const text = 'GET /cgi-bin/x?access_token=abc123&corpsecret=s3cr3t {"access_token":"abc123","secret":"s3cr3t"}';
	const clean = redact(text);
	expect(clean).not.toContain('abc123');
	expect(clean).not.toContain('s3cr3t');
	expect(clean).toContain('access_token=***');
});

test('a WeChat error names the API, errcode, errmsg and a hint, without the token', () => {
	const error = new WeChatApiError('wecom', '/cgi-bin/message/send', 60020, 'not allow to access from your ip, hint: [x] access_token=tok123');
	expect(error.message).toBe('/cgi-bin/message/send failed: errcode 60020, not allow to access from your ip, hint: [x] access_token=***');
	expect(error.hint).toMatch(/trusted IP/);
	expect(error.meaning).toMatch(/访问ip不在白名单之中/);
});

test('retry rules: reads and dedupe-protected writes only', () => {
	const maybe = new TransportError('x', 'maybe');
	const never = new TransportError('x', 'no');
	const busy = new WeChatApiError('wecom', '/x', -1, 'system busy');
	const fatal = new WeChatApiError('wecom', '/x', 60020, 'ip');
	expect(isRetryable(maybe, { kind: 'read', deduplicated: false })).toBe(true);
	expect(isRetryable(maybe, { kind: 'write', deduplicated: false })).toBe(false);
	expect(isRetryable(maybe, { kind: 'write', deduplicated: true })).toBe(true);
	expect(isRetryable(never, { kind: 'write', deduplicated: false })).toBe(true);
	expect(isRetryable(busy, { kind: 'write', deduplicated: false })).toBe(false);
	expect(isRetryable(busy, { kind: 'read', deduplicated: false })).toBe(true);
	expect(isRetryable(fatal, { kind: 'read', deduplicated: false })).toBe(false);
});

test('Content-Disposition: RFC 6266 extended names win, plain names work', () => {
	expect(fileNameFromDisposition(`attachment; filename="a.jpg"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`)).toBe('报告.pdf');
	expect(fileNameFromDisposition('attachment; filename="report 1.pdf"')).toBe('report 1.pdf');
	expect(fileNameFromDisposition('attachment; filename=plain.txt')).toBe('plain.txt');
	expect(fileNameFromDisposition('')).toBeUndefined();
});

test('multipart carries WeChat\'s filelength and the exact bytes', () => {
	const data = Buffer.from([0, 1, 2, 255]);
	const { boundary, body } = encodeMultipart({ field: 'media', fileName: 'a"b.bin', contentType: 'application/octet-stream', data });
	const text = body.toString('latin1');
	expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="a_b.bin"; filelength=4\r\n`);
	expect(body.includes(data)).toBe(true);
	expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
});
