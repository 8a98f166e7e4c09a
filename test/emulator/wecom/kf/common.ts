/** What every kf route shares: its context, the JSON-body POST shape, and looking up the account. */
import { isRecord } from '../../core/json';
import type { TokenRequest, TokenRoute } from '../../core/router';
import type { WeComContext } from '../context';
import { WeComErrcode, weComError, weComPlatform } from '../errors';
import { Violation } from '../violation';
import { KfErrcode } from './errors';
import type { KfAccount, WeComKf } from './state';

export interface KfContext extends WeComContext {
	kf: WeComKf;
}

export function post(
	path: string,
	handle: (req: TokenRequest, body: Record<string, unknown>) => ReturnType<TokenRoute['handle']>,
): TokenRoute {
	return {
		method: 'POST',
		path,
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			if (!isRecord(req.json)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
			return handle(req, req.json);
		},
	};
}

export function findAccount(ctx: KfContext, req: TokenRequest, openKfid: unknown): KfAccount | Violation {
	if (typeof openKfid !== 'string' || openKfid === '')
		return new Violation(KfErrcode.invalidOpenKfid, 'invalid open_kfid');
	return (
		ctx.kf.account(req.caller.corpId, openKfid) ?? new Violation(KfErrcode.openKfidNotFound, 'open_kfid not exist')
	);
}
