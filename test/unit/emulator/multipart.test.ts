import { boundaryOf, parseHeaderValue, parseMultipart } from '../../emulator/core/multipart';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

describe('emulator: multipart parser', () => {
	it('reads the boundary from the Content-Type, quoted or not, and only for multipart/form-data', () => {
		expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
		expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a;b c"')).toBe('a;b c');
		expect(boundaryOf('multipart/form-data')).toBeUndefined();
		expect(boundaryOf('application/json')).toBeUndefined();
		expect(boundaryOf(undefined)).toBeUndefined();
	});

	it('parses header parameters with quotes, escapes and case-insensitive names', () => {
		expect(parseHeaderValue('form-data; NAME="media"; filename="a \\"b\\"; c.txt"; filelength=12')).toEqual({
			value: 'form-data',
			params: { name: 'media', filename: 'a "b"; c.txt', filelength: '12' },
		});
	});

	it('splits parts, skipping a preamble, keeping bytes exact and WeCom’s filelength', () => {
		const body = Buffer.concat([
			crlf('preamble', '--XyZ', 'Content-Disposition: form-data; name="media"; filename="报告.bin"; filelength=4', 'Content-Type: application/octet-stream', '', ''),
			Buffer.from([0x00, 0x0d, 0x0a, 0xff]),
			crlf('', '--XyZ', 'Content-Disposition: form-data; name="title"', '', 'hello', '--XyZ--', ''),
		]);
		const result = parseMultipart(body, 'XyZ');
		expect(result).toEqual({
			ok: true,
			parts: [
				{ name: 'media', filename: '报告.bin', contentType: 'application/octet-stream', filelength: 4, data: Buffer.from([0x00, 0x0d, 0x0a, 0xff]) },
				{ name: 'title', data: Buffer.from('hello') },
			],
		});
	});

	it('prefers an RFC 5987 filename* over filename', () => {
		const body = crlf('--b', `Content-Disposition: form-data; name="media"; filename="fallback.txt"; filename*=UTF-8''%E4%B8%AD.txt`, '', 'data', '--b--');
		const result = parseMultipart(body, 'b');
		expect(result.ok && result.parts[0].filename).toBe('中.txt');
	});

	it('reports malformed bodies', () => {
		expect(parseMultipart(Buffer.from('no boundary here'), 'b')).toEqual({ ok: false, reason: 'boundary not found in body' });
		expect(parseMultipart(crlf('--b', 'Content-Disposition: form-data; name="x"', '', 'data'), 'b')).toEqual({ ok: false, reason: 'closing boundary missing' });
		expect(parseMultipart(crlf('--b', 'Content-Type: text/plain', '', 'data', '--b--'), 'b')).toEqual({ ok: false, reason: 'part without Content-Disposition' });
	});
});
