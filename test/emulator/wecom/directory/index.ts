/**
 * The directory (通讯录) area of the WeCom emulator: routes, the join-QR-code picture, and the control route
 * POST /__emulator/wecom/directory {DirectoryConfig} that seeds a corp's directory (e2e suite, `npm start`).
 */
import { badRequest, ok, type ControlApi } from '../../core/control-api';
import { isRecord } from '../../core/json';
import type { PublicRoute, Route } from '../../core/router';
import { weComPlatform } from '../errors';
import type { WeComContext } from '../context';
import { departmentRoutes } from './departments';
import { memberRoutes } from './members';
import { tagRoutes } from './tags';
import { CONTACT_SYNC_AGENT, WeComDirectories, type DirectoryConfig } from './state';

const QR_PATH = '/wework_admin/genqrcode';
/** A 1×1 PNG stands in for the join QR code picture. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

function qrRoute(): PublicRoute {
	return {
		method: 'GET',
		path: QR_PATH,
		platform: weComPlatform,
		auth: 'none',
		handle: () => ({ kind: 'binary', status: 200, contentType: 'image/png', headers: {}, body: PNG }),
	};
}

export interface WeComDirectoryModule {
	directories: WeComDirectories;
	routes: Route[];
	/** Seeds (or replaces) a corp's directory and registers its contact-sync secret for gettoken. */
	configure(config: DirectoryConfig): void;
}

export function directoryModule(ctx: WeComContext): WeComDirectoryModule {
	const directories = new WeComDirectories();
	const context = { ...ctx, directories };
	return {
		directories,
		routes: [
			...departmentRoutes(context),
			...memberRoutes(context, (host, size) => `http://${host}${QR_PATH}?size=${size}`),
			...tagRoutes(context),
			qrRoute(),
		],
		configure(config) {
			directories.configure(config);
			// The contact-sync secret gets its token from the same gettoken, as an "app" no real agent ID names.
			ctx.apps.add({ corpId: config.corpId, corpSecret: config.contactSyncSecret, agentId: CONTACT_SYNC_AGENT, name: '通讯录同步' });
		},
	};
}

export function registerDirectoryControls(api: ControlApi, module: WeComDirectoryModule): void {
	api.add('POST', 'wecom/directory', ({ body }) => {
		if (!isRecord(body) || typeof body.corpId !== 'string' || typeof body.contactSyncSecret !== 'string' || !Array.isArray(body.departments) || !Array.isArray(body.members))
			return badRequest('body must be {"corpId", "contactSyncSecret", "departments": [...], "members": [...], "tags"?: [...]}');
		module.configure(body as unknown as DirectoryConfig);
		return ok({ corpId: body.corpId });
	});
}
