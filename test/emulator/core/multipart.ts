/**
 * A small multipart/form-data parser (RFC 7578), written here rather than taken from a library so that the
 * emulator records exactly what a client put on the wire: the raw `filename` (clients percent-escape quotes
 * differently), WeCom's non-standard `filelength=` parameter, and each part's own Content-Type.
 */
export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	/** WeCom clients add `filelength=<bytes>` to Content-Disposition; kept so tests can check it. */
	filelength?: number;
	data: Buffer;
}

export type MultipartResult = { ok: true; parts: MultipartPart[] } | { ok: false; reason: string };

export interface HeaderValue {
	value: string;
	/** Parameter names lower-cased; values unquoted. */
	params: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data` Content-Type, or undefined for any other type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
	if (contentType === undefined) return undefined;
	const header = parseHeaderValue(contentType);
	if (header.value.toLowerCase() !== 'multipart/form-data') return undefined;
	const boundary = header.params.boundary;
	return boundary !== undefined && boundary.length > 0 ? boundary : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	let position = body.indexOf(delimiter);
	if (position < 0) return { ok: false, reason: 'boundary not found in body' };
	position += delimiter.length;
	const parts: MultipartPart[] = [];
	for (;;) {
		if (body.subarray(position, position + 2).toString('latin1') === '--') return { ok: true, parts };
		if (!body.subarray(position, position + 2).equals(CRLF)) return { ok: false, reason: 'malformed delimiter line' };
		const headersStart = position + 2;
		const headersEnd = body.indexOf(HEADER_END, headersStart);
		if (headersEnd < 0) return { ok: false, reason: 'part headers not terminated' };
		const dataStart = headersEnd + HEADER_END.length;
		const dataEnd = body.indexOf(nextDelimiter, dataStart);
		if (dataEnd < 0) return { ok: false, reason: 'closing boundary missing' };
		const part = partFromHeaders(body.subarray(headersStart, headersEnd).toString('utf8'), body.subarray(dataStart, dataEnd));
		if (typeof part === 'string') return { ok: false, reason: part };
		parts.push(part);
		position = dataEnd + nextDelimiter.length;
	}
}

function partFromHeaders(headerBlock: string, data: Buffer): MultipartPart | string {
	const headers = new Map<string, string>();
	for (const line of headerBlock.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const disposition = headers.get('content-disposition');
	if (disposition === undefined) return 'part without Content-Disposition';
	const { params } = parseHeaderValue(disposition);
	if (params.name === undefined) return 'part without a name';
	const part: MultipartPart = { name: params.name, data };
	const filename = params['filename*'] !== undefined ? decodeExtValue(params['filename*']) : params.filename;
	if (filename !== undefined) part.filename = filename;
	const contentType = headers.get('content-type');
	if (contentType !== undefined) part.contentType = contentType;
	if (params.filelength !== undefined && /^\d+$/.test(params.filelength)) part.filelength = Number(params.filelength);
	return part;
}

/** `value; a=1; b="x;y"` -> value and parameters, honouring quoted strings and backslash escapes. */
export function parseHeaderValue(header: string): HeaderValue {
	const segments: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < header.length; i++) {
		const char = header[i];
		if (quoted && char === '\\' && i + 1 < header.length) {
			current += char + header[++i];
		} else if (char === '"') {
			quoted = !quoted;
			current += char;
		} else if (char === ';' && !quoted) {
			segments.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	segments.push(current);
	const params: Record<string, string> = {};
	for (const segment of segments.slice(1)) {
		const equals = segment.indexOf('=');
		if (equals < 0) continue;
		const name = segment.slice(0, equals).trim().toLowerCase();
		params[name] = unquote(segment.slice(equals + 1).trim());
	}
	return { value: segments[0].trim(), params };
}

function unquote(value: string): string {
	if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
	return value.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** RFC 5987 `UTF-8''%E4%B8%AD.txt`; an undecodable value is kept as sent. */
function decodeExtValue(value: string): string {
	const match = /^([^']*)'[^']*'(.*)$/.exec(value);
	if (match === null) return value;
	try {
		return decodeURIComponent(match[2]);
	} catch {
		return value;
	}
}
