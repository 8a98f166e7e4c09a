/**
 * The WeChat API emulator: a local HTTP server that answers like qyapi.weixin.qq.com (and, as modules are
 * added, api.weixin.qq.com) for the endpoints our nodes call. Used in-process by unit tests and benchmarks,
 * and out of process (control API under /__emulator/) by the e2e suite and `npm start`.
 *
 * Shape: a small core (server, router, request log, faults, token and media stores, multipart parser) and
 * one module per platform area that registers its routes and control routes on it.
 */
import { Clock } from './core/clock';
import { ControlApi } from './core/control-api';
import { registerCoreControls } from './core/control-routes';
import { FaultQueue, type FaultSpec, type PendingFault } from './core/faults';
import { MediaStore, type MediaSnapshot } from './core/media-store';
import { RequestLog, type LogEntry, type LogFilter } from './core/request-log';
import { Router } from './core/router';
import { startHttpServer } from './core/server';
import { TokenStore, type TokenFilter, type TokenSnapshot } from './core/tokens';
import type { WeComApp, WeComAppConfig } from './wecom/apps';
import type { RobotConfig, RobotRateLimit, WeComRobot } from './wecom/robot/robots';
import type { WeComQuotaConfig } from './wecom/quota';
import { registerWeCom, type WeComSnapshot } from './wecom';
import type { WeComKf } from './wecom/kf/state';
import type { DirectoryConfig } from './wecom/directory/state';
import { registerOa, type OaAccount, type OaAccountConfig, type OaControl, type OaEvent, type OaSettings, type OaSnapshot } from './oa';
import { registerCallbacks, type CallbackControl } from './callback';
import { registerAiBot, type AiBotControl, type SocketBot } from './aibot';
import { registerOpenAi, type OpenAiControl } from './openai';

export interface EmulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Lifetime of issued access tokens; default 7200 like WeChat's. */
	tokenTtlSeconds?: number;
	/** WeCom apps to start with. */
	wecomApps?: readonly WeComAppConfig[];
	/** WeCom group robots to start with (webhook keys). */
	robots?: readonly RobotConfig[];
	/** Messages each robot may send per window; default `{ max: 20, windowMs: 60000 }` like WeCom's. */
	robotRateLimit?: RobotRateLimit;
	/** WeCom's per-corp API quota and per-member limits; default 10,000 calls, 30 and 1,000 per member, a 60,000 ms minute. */
	wecomQuota?: Partial<WeComQuotaConfig>;
	/** Official Accounts to start with (api.weixin.qq.com). */
	oaAccounts?: readonly OaAccountConfig[];
	/** OA knobs: `userListPageSize` (user/get pages, default 10000), `massJobDelaySeconds` (default 0). */
	oaSettings?: Partial<OaSettings>;
	/** AI bots that may subscribe on the long connection (Bot ID + Secret). */
	aiBots?: readonly SocketBot[];
}

export interface EmulatorLog {
	/** Requests to WeChat paths (never control calls), oldest first. */
	entries(filter?: LogFilter): LogEntry[];
	clear(): void;
}

export interface EmulatorFaults {
	add(spec: FaultSpec | readonly FaultSpec[]): void;
	pending(): PendingFault[];
	clear(): void;
}

/** Everything the emulator holds, as plain JSON (media bytes summarised by size and sha256). */
export interface EmulatorState {
	/** Emulator clock, ms since the epoch. */
	now: number;
	tokens: TokenSnapshot[];
	media: MediaSnapshot[];
	wecom: WeComSnapshot;
	oa: OaSnapshot;
}

export interface Emulator {
	/** Base URL, e.g. `http://127.0.0.1:7780`; use it as a credential's API base URL. */
	readonly url: string;
	readonly log: EmulatorLog;
	readonly faults: EmulatorFaults;
	/** A fresh snapshot on every read. */
	readonly state: EmulatorState;
	addWeComApp(config: WeComAppConfig): WeComApp;
	/** Registers a response_code as a template_card_event callback would deliver it. */
	registerWeComResponseCode(target: { corpId: string; agentId: number }): string;
	/** Adds a WeCom group robot (replacing one with the same key). */
	addRobot(config: RobotConfig): WeComRobot;
	/** WeChat Customer Service (微信客服) of the WeCom corps: accounts, customer messages, sessions. */
	readonly wecomKf: WeComKf;
	/** Seeds (or replaces) a WeCom corp's directory (通讯录) and its contact-sync secret; reset() restores it. */
	configureWeComDirectory(config: DirectoryConfig): void;
	/** Sets how many messages each robot may send per window (throws on max or windowMs < 1). */
	setRobotRateLimit(limit: RobotRateLimit): void;
	/** Changes WeCom's quota configuration (fields not given stay); counts and drops are in `state.wecom`. */
	setWeComQuota(config: Partial<WeComQuotaConfig>): WeComQuotaConfig;
	/** Adds an Official Account (replacing one with the same appId). */
	addOaAccount(config: OaAccountConfig): OaAccount;
	/** The TEMPLATESENDJOBFINISH / MASSSENDJOBFINISH events WeChat would push for the account (or all), oldest first. */
	oaEvents(appId?: string): OaEvent[];
	/** OA controls: account flags and followers, interactions, subscriptions, token revocation, mass jobs, settings, event listener. */
	readonly oa: OaControl;
	/** WeChat's side of callbacks: OA event targets (events pushed as they happen), push / verify on demand, the push log. */
	readonly callbacks: CallbackControl;
	/** WeCom's AI bot (智能机器人): encrypted media behind callback URLs, response_url, the long connection's bots, pushes and replies. */
	readonly aiBot: AiBotControl;
	/** The OpenAI-compatible model endpoint (/v1/chat/completions, /v1/models): scripted answers, what the model was asked. */
	readonly openAi: OpenAiControl;
	/** Makes matching tokens expire now (next call: 42001); returns how many. */
	expireTokens(filter?: TokenFilter): number;
	/** Revokes matching tokens (next call: WeCom 40014, OA 40001 "not latest"); returns how many. */
	invalidateTokens(filter?: TokenFilter): number;
	/** Moves the emulator clock forward (token, media, recall and duplicate-check windows). */
	advanceTime(seconds: number): void;
	/** Back to a fresh start: clears tokens, media, messages, chats, robot messages, log, faults and the clock offset; apps, robots and the robot rate limit stay; OA accounts are rebuilt from their configs. */
	reset(): void;
	close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const clock = new Clock();
	const router = new Router();
	const control = new ControlApi();
	const tokens = new TokenStore(clock, options.tokenTtlSeconds ?? 7200);
	const media = new MediaStore(clock);
	const log = new RequestLog();
	const faults = new FaultQueue();
	const wecom = registerWeCom({ router, control, tokens, media, clock }, options.wecomApps ?? [], { robots: options.robots, robotRateLimit: options.robotRateLimit, quota: options.wecomQuota });
	const oa = registerOa({ router, control, tokens, media, clock }, options.oaAccounts ?? [], options.oaSettings);
	const callbacks = registerCallbacks(control, oa.control.onEvent);
	const aiBot = registerAiBot(router, control, clock, () => server.url, options.aiBots);
	const openAi = registerOpenAi(router, control, clock);

	const state = (): EmulatorState => ({ now: clock.now(), tokens: tokens.snapshot(), media: media.snapshot(), wecom: wecom.snapshot(), oa: oa.snapshot() });
	const reset = (): void => {
		tokens.reset();
		media.reset();
		log.clear();
		faults.clear();
		clock.reset();
		wecom.reset();
		oa.reset();
		callbacks.reset();
		aiBot.reset();
		openAi.reset();
	};
	registerCoreControls(control, { log, faults, tokens, clock, reset, state });
	const server = await startHttpServer({ router, tokens, log, faults, clock, control, upgrade: aiBot.upgrade }, options.port ?? 0);

	return {
		url: server.url,
		log,
		faults,
		get state() {
			return state();
		},
		addWeComApp: (config) => wecom.addApp(config),
		registerWeComResponseCode: (target) => wecom.registerResponseCode(target),
		addRobot: (config) => wecom.addRobot(config),
		wecomKf: wecom.kf,
		configureWeComDirectory: (config) => wecom.configureDirectory(config),
		setRobotRateLimit: (limit) => wecom.setRobotRateLimit(limit),
		setWeComQuota: (config) => wecom.setQuota(config),
		addOaAccount: (config) => oa.addAccount(config),
		oaEvents: (appId) => oa.events(appId),
		oa: oa.control,
		callbacks: callbacks.control,
		aiBot: aiBot.control,
		openAi: openAi.control,
		expireTokens: (filter) => tokens.expire(filter),
		invalidateTokens: (filter) => tokens.invalidate(filter),
		advanceTime: (seconds) => clock.advance(seconds * 1000),
		reset,
		close: async () => {
			// Pushes first: one in flight may be answering a control request on this server.
			await callbacks.close();
			oa.close();
			aiBot.close();
			return server.close();
		},
	};
}

export type { FaultSpec, LogEntry, LogFilter, MediaSnapshot, PendingFault, TokenFilter, TokenSnapshot, WeComApp, WeComAppConfig, WeComSnapshot };
export type { LoggedPart } from './core/request-log';
export type { FaultKind } from './core/faults';
export type { CardUpdate, ResponseCode, SentMessage } from './wecom/messages';
export type { Delivery } from './wecom/recipients';
export type { MemberDrop, WeComQuotaConfig } from './wecom/quota';
export type { ChatMessage, WeComChat } from './wecom/appchat/chats';
export type { RobotConfig, RobotMessage, RobotRateLimit, WeComRobot } from './wecom/robot/robots';
export type * from './oa';
export { pushCallback, verifyCallbackUrl } from './callback';
export type * from './callback';
export { aiBotCallback, aiBotUrlCheck } from './aibot';
export type { AiBotControl, AiBotRequest, AiBotResponse, AiBotSecrets } from './aibot';
export type { DropMode, ReplyFilter, SocketBot, SocketConnection, SocketConversation, SocketPush, SocketReply } from './aibot';
export { OPENAI_DEMO_KEY, derivedAnswer } from './openai';
export type { ModelMessage, ModelRequest, OpenAiControl, ScriptedAnswer } from './openai';
