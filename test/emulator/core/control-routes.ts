import type { Clock } from './clock';
import { badRequest, ok, type ControlApi } from './control-api';
import { parseFaultSpec, type FaultQueue, type FaultSpec } from './faults';
import { isList, isRecord } from './json';
import type { RequestLog } from './request-log';
import { parseTokenFilter, type TokenStore } from './tokens';

export interface ControlTarget {
	log: RequestLog;
	faults: FaultQueue;
	tokens: TokenStore;
	clock: Clock;
	reset(): void;
	state(): unknown;
}

/** The control routes every emulator has; platform modules add their own (e.g. `wecom/apps`). */
export function registerCoreControls(control: ControlApi, target: ControlTarget): void {
	control.add('GET', 'log', ({ query }) => ok(target.log.entries({ path: query.path, method: query.method })));
	control.add('POST', 'log/clear', () => {
		target.log.clear();
		return ok();
	});
	control.add('POST', 'reset', () => {
		target.reset();
		return ok();
	});
	control.add('GET', 'state', () => ok(target.state()));

	control.add('GET', 'faults', () => ok(target.faults.pending()));
	control.add('POST', 'faults', ({ body }) => {
		const specs: FaultSpec[] = [];
		for (const value of isList(body) ? body : [body]) {
			const spec = parseFaultSpec(value);
			if (typeof spec === 'string') return badRequest(spec);
			specs.push(spec);
		}
		// Validated above so that a bad list is refused whole, with the reason, before anything is queued.
		target.faults.add(specs);
		return ok({ pending: target.faults.pending() });
	});
	control.add('POST', 'faults/clear', () => {
		target.faults.clear();
		return ok();
	});

	control.add('POST', 'tokens/expire', ({ body }) => {
		const filter = parseTokenFilter(body);
		return typeof filter === 'string' ? badRequest(filter) : ok({ expired: target.tokens.expire(filter) });
	});
	control.add('POST', 'tokens/invalidate', ({ body }) => {
		const filter = parseTokenFilter(body);
		return typeof filter === 'string' ? badRequest(filter) : ok({ invalidated: target.tokens.invalidate(filter) });
	});

	control.add('POST', 'clock/advance', ({ body }) => {
		if (!isRecord(body) || typeof body.seconds !== 'number' || !(body.seconds >= 0)) return badRequest('body must be {"seconds": <non-negative number>}');
		target.clock.advance(body.seconds * 1000);
		return ok({ now: target.clock.now() });
	});
}
