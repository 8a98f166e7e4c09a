import type { IncomingHttpHeaders } from 'node:http';
import type { FaultKind } from './faults';
import type { MultipartResult } from './multipart';
import { sha256 } from './media-store';

/** One part of a multipart body as it reached the emulator; file bytes are summarised, not kept. */
export interface LoggedPart {
	name: string;
	filename?: string;
	contentType?: string;
	filelength?: number;
	size: number;
	sha256: string;
	/** The text of a part without a filename (a plain form field). */
	value?: string;
}

export interface LogEntry {
	seq: number;
	/** Emulator clock, ms since the epoch. */
	time: number;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-case names, as Node delivers them. */
	headers: IncomingHttpHeaders;
	/** The parsed JSON body, when the body was JSON. */
	json?: unknown;
	/** The body as text when it was neither JSON nor multipart (e.g. the malformed JSON behind a 47001). */
	text?: string;
	multipart?: LoggedPart[];
	/** Why a multipart/form-data body could not be parsed (the request then got WeCom's 44001). */
	multipartError?: string;
	rawBodySize: number;
	/** HTTP status answered; 0 while pending and when the socket was reset instead of answered. */
	status: number;
	/** The JSON answered, `{binary, size, contentType}` for a download, `{text, contentType}` for other text. */
	response: unknown;
	/** The fault this request met, if any. */
	fault?: FaultKind;
}

export interface LogFilter {
	path?: string;
	method?: string;
}

export interface RequestSummary {
	time: number;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: Buffer;
	json: unknown;
	multipart: MultipartResult | undefined;
}

/** Keeps a long `npm start` session from growing without bound; tests clear the log long before this. */
const MAX_ENTRIES = 10_000;

/** Larger bodies that are neither JSON nor multipart are only counted (rawBodySize), not kept as text. */
const MAX_TEXT_BYTES = 64 * 1024;

export class RequestLog {
	private items: LogEntry[] = [];
	private nextSeq = 1;

	/** Records a request on arrival (so entries are in arrival order); the caller fills in the answer. */
	begin(request: RequestSummary): LogEntry {
		const entry: LogEntry = {
			seq: this.nextSeq++,
			time: request.time,
			method: request.method,
			path: request.path,
			query: request.query,
			headers: request.headers,
			rawBodySize: request.body.length,
			status: 0,
			response: undefined,
		};
		if (request.multipart?.ok === false) {
			entry.multipartError = request.multipart.reason;
		} else if (request.multipart?.ok === true) {
			entry.multipart = request.multipart.parts.map((part) => {
				const logged: LoggedPart = { name: part.name, size: part.data.length, sha256: sha256(part.data) };
				if (part.filename !== undefined) logged.filename = part.filename;
				if (part.contentType !== undefined) logged.contentType = part.contentType;
				if (part.filelength !== undefined) logged.filelength = part.filelength;
				if (part.filename === undefined) logged.value = part.data.toString('utf8');
				return logged;
			});
		} else if (request.json !== undefined) {
			entry.json = request.json;
		} else if (request.body.length > 0 && request.body.length <= MAX_TEXT_BYTES) {
			entry.text = request.body.toString('utf8');
		}
		this.items.push(entry);
		if (this.items.length > MAX_ENTRIES) this.items.shift();
		return entry;
	}

	/** Copies of the entries, oldest first, optionally only those for one path and/or method. */
	entries(filter: LogFilter = {}): LogEntry[] {
		return this.items
			.filter((entry) => (filter.path === undefined || entry.path === filter.path) && (filter.method === undefined || entry.method === filter.method))
			.map((entry) => ({ ...entry }));
	}

	clear(): void {
		this.items = [];
	}
}
