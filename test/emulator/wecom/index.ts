import { badRequest, ok } from '../core/control-api';
import { isRecord } from '../core/json';
import type { CoreServices } from '../core/services';
import { appchatCreateRoute } from './appchat/create';
import { WeComChats, type WeComChat } from './appchat/chats';
import { appchatGetRoute } from './appchat/get';
import { appchatSendRoute } from './appchat/send';
import { appchatUpdateRoute } from './appchat/update';
import { parseWeComAppConfig, WeComApps, type WeComApp, type WeComAppConfig } from './apps';
import type { WeComContext } from './context';
import { gettokenRoute } from './gettoken';
import { mediaGetRoute, mediaUploadImgRoute, mediaUploadRoute } from './media';
import { messageRecallRoute } from './message-recall';
import { messageSendRoute } from './message-send';
import { WeComMessages, type WeComMessagesSnapshot } from './messages';
import { parseRobotConfig, parseRobotRateLimit, WeComRobots, type RobotConfig, type RobotRateLimit, type RobotsSnapshot, type WeComRobot } from './robot/robots';
import { robotSendRoute } from './robot/send';
import { robotUploadRoute } from './robot/upload';
import { updateTemplateCardRoute } from './update-template-card';
import { parseWeComQuota, WeComQuota, type WeComQuotaConfig, type WeComQuotaSnapshot } from './quota';
import { WeComKf, type KfSnapshot } from './kf/state';
import { kfRoutes } from './kf/routes';
import { registerKfControls } from './kf/control';
import { directoryModule, registerDirectoryControls } from './directory';
import type { DirectoryConfig, WeComDirectories } from './directory/state';

export interface WeComSnapshot extends WeComMessagesSnapshot, RobotsSnapshot, WeComQuotaSnapshot {
	apps: WeComApp[];
	/** Group chats with their members and the messages sent to them. */
	chats: WeComChat[];
	/** WeChat Customer Service (微信客服) per corp: accounts and the messages sent. */
	kf: KfSnapshot[];
	/** Each corp's directory (通讯录): departments, members, tags, invitations sent. */
	directory: ReturnType<WeComDirectories['snapshot']>;
}

/** Group robots to start with and their rate limit (default 20 messages per 60 s per robot). */
export interface WeComSeed {
	robots?: readonly RobotConfig[];
	robotRateLimit?: RobotRateLimit;
	/** WeCom's per-corp API quota and per-member message limits (default: WeCom's, with a 60 s minute). */
	quota?: Partial<WeComQuotaConfig>;
}

/** The WeCom area (qyapi.weixin.qq.com): application messages, media, group chats (appchat) and group robots. */
export interface WeComModule {
	addApp(config: WeComAppConfig): WeComApp;
	/** A response_code as a template_card_event callback would carry it, usable once with update_template_card. */
	registerResponseCode(target: { corpId: string; agentId: number }): string;
	/** Adds a group robot (replacing one with the same key). */
	addRobot(config: RobotConfig): WeComRobot;
	/** Sets how many messages each robot may send per window. */
	setRobotRateLimit(limit: RobotRateLimit): void;
	/** Changes the quota configuration (fields not given stay); throws on a value below 1. */
	setQuota(config: Partial<WeComQuotaConfig>): WeComQuotaConfig;
	/** WeChat Customer Service (微信客服): accounts, sessions, the sync_msg stream. */
	readonly kf: WeComKf;
	/** Seeds (or replaces) a corp's directory and its contact-sync secret; reset() restores what was seeded. */
	configureDirectory(config: DirectoryConfig): void;
	/** Clears messages, chats, robot messages and response codes and zeroes counters; apps and robots stay. */
	reset(): void;
	snapshot(): WeComSnapshot;
}

export function registerWeCom(core: CoreServices, seed: readonly WeComAppConfig[], extra: WeComSeed = {}): WeComModule {
	const rateLimit = extra.robotRateLimit === undefined ? undefined : parseRobotRateLimit(extra.robotRateLimit);
	if (typeof rateLimit === 'string') throw new Error(`invalid robotRateLimit: ${rateLimit}`);
	const quota = parseWeComQuota(extra.quota ?? {});
	if (typeof quota === 'string') throw new Error(`invalid wecomQuota: ${quota}`);
	const ctx: WeComContext = {
		apps: new WeComApps(),
		messages: new WeComMessages(core.clock),
		chats: new WeComChats(),
		robots: new WeComRobots(rateLimit),
		quota: new WeComQuota(quota),
		tokens: core.tokens,
		media: core.media,
		clock: core.clock,
	};
	const kf = new WeComKf(core.clock);
	const directory = directoryModule(ctx);
	for (const config of seed) ctx.apps.add(config);
	for (const robot of extra.robots ?? []) ctx.robots.add(robot);
	for (const route of [
		gettokenRoute(ctx),
		messageSendRoute(ctx),
		messageRecallRoute(ctx),
		updateTemplateCardRoute(ctx),
		mediaUploadRoute(ctx),
		mediaUploadImgRoute(ctx),
		mediaGetRoute(ctx),
		appchatCreateRoute(ctx),
		appchatUpdateRoute(ctx),
		appchatGetRoute(ctx),
		appchatSendRoute(ctx),
		robotSendRoute(ctx),
		robotUploadRoute(ctx),
		...kfRoutes({ ...ctx, kf }),
		...directory.routes,
	]) {
		core.router.add(route);
	}

	const module: WeComModule = {
		addApp: (config) => ({ ...ctx.apps.add(config) }),
		registerResponseCode({ corpId, agentId }) {
			if (ctx.apps.find(corpId, agentId) === undefined) throw new Error(`no WeCom app ${corpId}/${agentId}`);
			return ctx.messages.issueResponseCode(corpId, agentId).responseCode;
		},
		kf,
		configureDirectory: (config) => directory.configure(config),
		addRobot: (config) => ctx.robots.add(config),
		setRobotRateLimit(limit) {
			const parsed = parseRobotRateLimit(limit);
			if (typeof parsed === 'string') throw new Error(`invalid robot rate limit: ${parsed}`);
			ctx.robots.setRateLimit(parsed);
		},
		setQuota(config) {
			const parsed = parseWeComQuota(config, ctx.quota.snapshot().quota);
			if (typeof parsed === 'string') throw new Error(`invalid WeCom quota: ${parsed}`);
			ctx.quota.setConfig(parsed);
			return parsed;
		},
		reset() {
			ctx.messages.reset();
			ctx.chats.reset();
			ctx.robots.reset();
			ctx.apps.resetCounters();
			ctx.quota.reset();
			kf.reset();
			directory.directories.reset();
		},
		snapshot: () => ({ apps: ctx.apps.snapshot(), ...ctx.messages.snapshot(), chats: ctx.chats.snapshot(), ...ctx.robots.snapshot(), ...ctx.quota.snapshot(), kf: kf.snapshot(), directory: directory.directories.snapshot() }),
	};

	registerKfControls(core.control, kf, core.media, core.clock);
	registerDirectoryControls(core.control, directory);
	core.control.add('POST', 'wecom/apps', ({ body }) => {
		const config = parseWeComAppConfig(body);
		return typeof config === 'string' ? badRequest(config) : ok(module.addApp(config));
	});
	core.control.add('POST', 'wecom/response_codes', ({ body }) => {
		if (!isRecord(body) || typeof body.corpId !== 'string' || !Number.isInteger(body.agentId)) return badRequest('body must be {"corpId": string, "agentId": integer}');
		if (ctx.apps.find(body.corpId, body.agentId as number) === undefined) return badRequest(`no WeCom app ${body.corpId}/${String(body.agentId)}`);
		return ok({ response_code: module.registerResponseCode({ corpId: body.corpId, agentId: body.agentId as number }) });
	});
	core.control.add('POST', 'wecom/robots', ({ body }) => {
		const config = parseRobotConfig(body);
		return typeof config === 'string' ? badRequest(config) : ok(module.addRobot(config));
	});
	core.control.add('POST', 'wecom/quota', ({ body }) => {
		const config = parseWeComQuota(body, ctx.quota.snapshot().quota);
		return typeof config === 'string' ? badRequest(config) : ok(module.setQuota(config));
	});
	core.control.add('POST', 'wecom/robots/rate_limit', ({ body }) => {
		const limit = parseRobotRateLimit(body);
		if (typeof limit === 'string') return badRequest(limit);
		module.setRobotRateLimit(limit);
		return ok(limit);
	});
	return module;
}
