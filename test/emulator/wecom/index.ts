import { badRequest, ok } from '../core/control-api';
import { isRecord } from '../core/json';
import type { CoreServices } from '../core/services';
import { parseWeComAppConfig, WeComApps, type WeComApp, type WeComAppConfig } from './apps';
import type { WeComContext } from './context';
import { gettokenRoute } from './gettoken';
import { mediaGetRoute, mediaUploadImgRoute, mediaUploadRoute } from './media';
import { messageRecallRoute } from './message-recall';
import { messageSendRoute } from './message-send';
import { WeComMessages, type WeComMessagesSnapshot } from './messages';
import { updateTemplateCardRoute } from './update-template-card';

export interface WeComSnapshot extends WeComMessagesSnapshot {
	apps: WeComApp[];
}

/** The WeCom area (qyapi.weixin.qq.com): application messages and media. Group chat and robots add routes here. */
export interface WeComModule {
	addApp(config: WeComAppConfig): WeComApp;
	/** A response_code as a template_card_event callback would carry it, usable once with update_template_card. */
	registerResponseCode(target: { corpId: string; agentId: number }): string;
	/** Clears messages and response codes and zeroes counters; apps stay. */
	reset(): void;
	snapshot(): WeComSnapshot;
}

export function registerWeCom(core: CoreServices, seed: readonly WeComAppConfig[]): WeComModule {
	const ctx: WeComContext = {
		apps: new WeComApps(),
		messages: new WeComMessages(core.clock),
		tokens: core.tokens,
		media: core.media,
		clock: core.clock,
	};
	for (const config of seed) ctx.apps.add(config);
	for (const route of [
		gettokenRoute(ctx),
		messageSendRoute(ctx),
		messageRecallRoute(ctx),
		updateTemplateCardRoute(ctx),
		mediaUploadRoute(ctx),
		mediaUploadImgRoute(ctx),
		mediaGetRoute(ctx),
	]) {
		core.router.add(route);
	}

	const module: WeComModule = {
		addApp: (config) => ({ ...ctx.apps.add(config) }),
		registerResponseCode({ corpId, agentId }) {
			if (ctx.apps.find(corpId, agentId) === undefined) throw new Error(`no WeCom app ${corpId}/${agentId}`);
			return ctx.messages.issueResponseCode(corpId, agentId).responseCode;
		},
		reset() {
			ctx.messages.reset();
			ctx.apps.resetCounters();
		},
		snapshot: () => ({ apps: ctx.apps.snapshot(), ...ctx.messages.snapshot() }),
	};

	core.control.add('POST', 'wecom/apps', ({ body }) => {
		const config = parseWeComAppConfig(body);
		return typeof config === 'string' ? badRequest(config) : ok(module.addApp(config));
	});
	core.control.add('POST', 'wecom/response_codes', ({ body }) => {
		if (!isRecord(body) || typeof body.corpId !== 'string' || !Number.isInteger(body.agentId)) return badRequest('body must be {"corpId": string, "agentId": integer}');
		if (ctx.apps.find(body.corpId, body.agentId as number) === undefined) return badRequest(`no WeCom app ${body.corpId}/${String(body.agentId)}`);
		return ok({ response_code: module.registerResponseCode({ corpId: body.corpId, agentId: body.agentId as number }) });
	});
	return module;
}
