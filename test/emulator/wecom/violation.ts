import type { ApiRequest, JsonReply } from '../core/router';
import { WeComErrcode, weComError } from './errors';

/** A reason WeCom refuses a request: the errcode and the message its errmsg starts with. */
export class Violation {
	constructor(
		readonly errcode: number,
		readonly message: string,
	) {}
}

/** 40058 naming the offending field by its path in the body, e.g. `template_card.button_list`. */
export function invalidField(path: string, reason: string): Violation {
	return new Violation(WeComErrcode.invalidParameter, `field ${path} is invalid: ${reason}`);
}

export function refuse(req: ApiRequest, violation: Violation): JsonReply {
	return weComError(req, violation.errcode, violation.message);
}
