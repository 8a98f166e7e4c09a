import { isRecord } from './json';

/**
 * Switchable faults. Each spec is consumed by the next request it matches (optionally only requests to one
 * `path`, optionally after letting `after` of them through), `times` times (default 1), in the order the specs
 * were added. A request gets at most one fault.
 */
interface FaultBase {
	/** How many matching requests this fault hits; default 1. */
	times?: number;
	/** How many matching requests go through untouched before this fault starts hitting; default 0. */
	after?: number;
	/** Exact request path (e.g. `/cgi-bin/message/send`); any API path when absent. */
	path?: string;
}

export type FaultSpec =
	/** Answer an HTML gateway error page with this status (default 502), as WeChat's load balancer does. */
	| (FaultBase & { kind: 'http5xx'; status?: number })
	/** Read the request, do NOT perform it, destroy the socket without answering. */
	| (FaultBase & { kind: 'reset' })
	/** Read and perform the request (a write takes effect), then destroy the socket without answering. */
	| (FaultBase & { kind: 'resetAfterApply' })
	/** Wait `delayMs`, then process normally. The request is performed even if the client gave up meanwhile. */
	| (FaultBase & { kind: 'slow'; delayMs: number })
	/** Answer `{errcode, errmsg}` without performing the request; errmsg defaults to WeChat's text for the code. */
	| (FaultBase & { kind: 'errcode'; errcode: number; errmsg?: string });

export type FaultKind = FaultSpec['kind'];

export interface PendingFault {
	spec: FaultSpec;
	remaining: number;
	/** Matching requests still to let through before it hits. */
	passing: number;
}

const HTTP_5XX = new Set([500, 502, 503, 504]);

export class FaultQueue {
	private queue: PendingFault[] = [];

	/** Throws on a spec the control API would refuse (e.g. `times: 0`), so a typo never silently does nothing. */
	add(specs: FaultSpec | readonly FaultSpec[]): void {
		const list: readonly FaultSpec[] = 'kind' in specs ? [specs] : specs;
		const checked = list.map((spec) => {
			const parsed = parseFaultSpec(spec);
			if (typeof parsed === 'string') throw new Error(`invalid fault ${JSON.stringify(spec)}: ${parsed}`);
			return parsed;
		});
		for (const spec of checked) this.queue.push({ spec, remaining: spec.times ?? 1, passing: spec.after ?? 0 });
	}

	/** Consumes one use of the first fault that matches `path` and has let its `after` requests through. */
	take(path: string): FaultSpec | undefined {
		const matching = this.queue.filter((fault) => fault.spec.path === undefined || fault.spec.path === path);
		const fault = matching.find((candidate) => candidate.passing === 0);
		// Every fault still letting requests through counts this one, whether or not another fault hits it.
		for (const waiting of matching) if (waiting.passing > 0) waiting.passing -= 1;
		if (fault === undefined) return undefined;
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.queue.splice(this.queue.indexOf(fault), 1);
		return fault.spec;
	}

	pending(): PendingFault[] {
		return this.queue.map((fault) => ({ spec: fault.spec, remaining: fault.remaining, passing: fault.passing }));
	}

	clear(): void {
		this.queue = [];
	}
}

/** The errmsg WeChat sends with the errcodes tests most often inject; other codes get a generic text. */
export function defaultFaultMessage(errcode: number): string {
	switch (errcode) {
		case -1:
			return 'system busy';
		case 45009:
			return 'api freq out of limit';
		case 45033:
			return 'api concurrent out of limit';
		case 60020:
			return 'not allow to access from your ip';
		default:
			return `emulated error ${errcode}`;
	}
}

/** Validates a fault spec that came over the control API; returns the reason when it is not one. */
export function parseFaultSpec(value: unknown): FaultSpec | string {
	if (!isRecord(value)) return 'a fault spec must be an object';
	const base: FaultBase = {};
	if (value.times !== undefined) {
		if (!Number.isInteger(value.times) || (value.times as number) < 1) return 'times must be a positive integer';
		base.times = value.times as number;
	}
	if (value.path !== undefined) {
		if (typeof value.path !== 'string' || !value.path.startsWith('/')) return 'path must start with /';
		base.path = value.path;
	}
	if (value.after !== undefined) {
		if (!Number.isInteger(value.after) || (value.after as number) < 0) return 'after must be a non-negative integer';
		base.after = value.after as number;
	}
	switch (value.kind) {
		case 'http5xx': {
			if (value.status === undefined) return { ...base, kind: 'http5xx' };
			if (typeof value.status !== 'number' || !HTTP_5XX.has(value.status)) return 'status must be 500, 502, 503 or 504';
			return { ...base, kind: 'http5xx', status: value.status };
		}
		case 'reset':
		case 'resetAfterApply':
			return { ...base, kind: value.kind };
		case 'slow':
			if (!Number.isInteger(value.delayMs) || (value.delayMs as number) < 0) return 'delayMs must be a non-negative integer';
			return { ...base, kind: 'slow', delayMs: value.delayMs as number };
		case 'errcode': {
			if (!Number.isInteger(value.errcode)) return 'errcode must be an integer';
			if (value.errmsg !== undefined && typeof value.errmsg !== 'string') return 'errmsg must be a string';
			const spec: FaultSpec = { ...base, kind: 'errcode', errcode: value.errcode as number };
			if (typeof value.errmsg === 'string') spec.errmsg = value.errmsg;
			return spec;
		}
		default:
			return 'kind must be one of http5xx, reset, resetAfterApply, slow, errcode';
	}
}

/** The page an nginx-style gateway (WeChat's "stgw") sends for a 5xx. */
export function gatewayErrorPage(status: number): string {
	const title = `${status} ${STATUS_TEXT[status] ?? 'Server Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n`;
}

const STATUS_TEXT: Record<number, string> = {
	413: 'Request Entity Too Large',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};
