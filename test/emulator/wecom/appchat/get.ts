import type { TokenRoute } from '../../core/router';
import type { WeComContext } from '../context';
import { weComOk, weComPlatform } from '../errors';
import { refuse, Violation } from '../violation';
import { chatApp, ownChat } from './access';

/**
 * GET /cgi-bin/appchat/get?chatid= (reference C3) → `{chat_info: {chatid, name, owner, userlist, chat_type}}`.
 * chat_type 0 is an ordinary group, the only kind appchat/create makes.
 */
export function appchatGetRoute(ctx: WeComContext): TokenRoute {
	return {
		method: 'GET',
		path: '/cgi-bin/appchat/get',
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			const app = chatApp(ctx, req.caller);
			if (app instanceof Violation) return refuse(req, app);
			const chat = ownChat(ctx, app, req.query.chatid);
			if (chat instanceof Violation) return refuse(req, chat);
			return weComOk({ chat_info: { chatid: chat.chatid, name: chat.name, owner: chat.owner, userlist: [...chat.members], chat_type: 0 } });
		},
	};
}
