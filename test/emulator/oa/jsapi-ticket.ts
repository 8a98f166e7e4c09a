/**
 * GET /cgi-bin/ticket/getticket?type=jsapi|wx_card (JS-SDK 附录1): one ticket per account and type, handed out
 * again until it expires after 7200 s (emulator clock), like WeChat. Tests count the calls in the request log.
 */
import type { Clock } from '../core/clock';
import { randomId } from '../core/ids';
import type { TokenRoute } from '../core/router';
import { oaRoute, type OaContext } from './context';
import { invalidArg, oaOk, refuse } from './errors';

export const TICKET_TTL_SECONDS = 7200;

interface Ticket {
	ticket: string;
	expiresAt: number;
}

export class OaTickets {
	private tickets = new Map<string, Ticket>();

	constructor(private readonly clock: Clock) {}

	current(appId: string, type: string): Ticket {
		const key = `${appId}\0${type}`;
		const existing = this.tickets.get(key);
		if (existing !== undefined && this.clock.now() < existing.expiresAt) return existing;
		const fresh = { ticket: randomId(64), expiresAt: this.clock.now() + TICKET_TTL_SECONDS * 1000 };
		this.tickets.set(key, fresh);
		return fresh;
	}

	reset(): void {
		this.tickets.clear();
	}
}

export function ticketRoute(ctx: OaContext, tickets: OaTickets): TokenRoute<'oa'> {
	return oaRoute(ctx, 'GET', '/cgi-bin/ticket/getticket', (req, account) => {
		const { type } = req.query;
		if (type !== 'jsapi' && type !== 'wx_card') return refuse(invalidArg('type', 'must be jsapi or wx_card'));
		const issued = tickets.current(account.appId, type);
		return oaOk({ ticket: issued.ticket, expires_in: Math.ceil((issued.expiresAt - ctx.clock.now()) / 1000) });
	});
}
