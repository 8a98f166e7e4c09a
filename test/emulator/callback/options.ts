/**
 * What a push or a URL verification needs, checked once up front so that a mistake in a test is a clear
 * error rather than a trigger refusing a malformed callback for a reason nobody looks for.
 */
import { randomNonce, wallClockSeconds } from './signature';

export type CallbackPlatform = 'oa' | 'wecom';

/** OA message modes (明文 / 兼容 / 安全); WeCom only has safe. */
export type CallbackMode = 'plain' | 'compatible' | 'safe';

export const CALLBACK_MODES: readonly CallbackMode[] = ['plain', 'compatible', 'safe'];

/** Where and how to reach a trigger, with its secrets. */
export interface CallbackEndpoint {
	/** The trigger's webhook URL; loopback only (127.0.0.1, localhost, [::1]). */
	url: string;
	platform: CallbackPlatform;
	token: string;
	/** 43 characters; required when anything is encrypted (OA compatible/safe, all of WeCom). */
	encodingAesKey?: string;
	/** OA appId / WeCom corpId: the id inside every ciphertext. Required when anything is encrypted. */
	receiveId?: string;
	/** Per try; WeChat waits 5 s. Default 5000, at most 60000. */
	timeoutMs?: number;
	/** Request signature inputs; default the wall clock (seconds) and a random decimal nonce. */
	timestamp?: string | number;
	nonce?: string;
	/** Cancels the push or verification (the emulator aborts what is in flight when it closes). */
	signal?: AbortSignal;
}

export interface PushOptions extends CallbackEndpoint {
	/** OA default `plain` (WeChat's default mode); WeCom is always `safe` (the default; anything else is refused). */
	mode?: CallbackMode;
	/**
	 * The plaintext message: an object whose keys are XML element names (nested objects and lists allowed, see
	 * xml.ts for how values are written), or a ready `<xml>…</xml>` string sent as is.
	 */
	message: object | string;
	/** How often to send when no answer comes in time (WeChat: 3). Default 3, at most 10. */
	tries?: number;
}

export interface VerifyOptions extends CallbackEndpoint {
	/** The echostr plaintext; default random digits like WeChat's. WeCom sends it encrypted. */
	echostr?: string;
}

/** Options after checking, with defaults filled in. */
export interface ResolvedEndpoint {
	url: URL;
	platform: CallbackPlatform;
	token: string;
	encodingAesKey?: string;
	receiveId?: string;
	timeoutMs: number;
	timestamp: string;
	nonce: string;
	signal?: AbortSignal;
}

export interface ResolvedPush extends ResolvedEndpoint {
	mode: CallbackMode;
	tries: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_TRIES = 3;
const MAX_TIMEOUT_MS = 60_000;
const MAX_TRIES = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Throws with the reason when the options cannot make a push WeChat would make. */
export function resolvePush(options: PushOptions): ResolvedPush {
	const mode = options.mode ?? (options.platform === 'wecom' ? 'safe' : 'plain');
	if (!CALLBACK_MODES.includes(mode)) throw new Error(`mode must be one of ${CALLBACK_MODES.join(', ')}`);
	if (options.platform === 'wecom' && mode !== 'safe') throw new Error('WeCom callbacks are always encrypted: mode must be "safe"');
	const tries = options.tries ?? DEFAULT_TRIES;
	if (!Number.isInteger(tries) || tries < 1 || tries > MAX_TRIES) throw new Error(`tries must be an integer from 1 to ${MAX_TRIES}`);
	if (typeof options.message !== 'string' && (typeof options.message !== 'object' || options.message === null || Array.isArray(options.message))) {
		throw new Error('message must be an object of XML fields or an XML string');
	}
	return { ...resolveEndpoint(options, mode !== 'plain'), mode, tries };
}

export function resolveEndpoint(options: CallbackEndpoint, encrypted: boolean): ResolvedEndpoint {
	if (options.platform !== 'oa' && options.platform !== 'wecom') throw new Error('platform must be "oa" or "wecom"');
	const url = loopbackUrl(options.url);
	if (typeof options.token !== 'string' || options.token === '') throw new Error('token is required');
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) throw new Error(`timeoutMs must be an integer from 1 to ${MAX_TIMEOUT_MS}`);
	if (encrypted) {
		if (!isEncodingAesKey(options.encodingAesKey)) throw new Error('encodingAesKey must be 43 base64 characters (32 bytes)');
		if (typeof options.receiveId !== 'string' || options.receiveId === '') throw new Error('receiveId (OA appId / WeCom corpId) is required when encrypting');
	}
	const timestamp = options.timestamp === undefined ? wallClockSeconds() : String(options.timestamp);
	const nonce = options.nonce ?? randomNonce();
	if (timestamp === '' || nonce === '') throw new Error('timestamp and nonce must not be empty');
	return { url, platform: options.platform, token: options.token, encodingAesKey: options.encodingAesKey, receiveId: options.receiveId, timeoutMs, timestamp, nonce, signal: options.signal };
}

/** The emulator is a local test double: it must never be made to send requests off this machine. */
function loopbackUrl(value: unknown): URL {
	if (typeof value !== 'string') throw new Error('url is required');
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new Error(`url is not a URL: ${value}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('url must be http(s)');
	if (!LOOPBACK_HOSTS.has(url.hostname)) throw new Error(`url must point at this machine (127.0.0.1, localhost or [::1]), not ${url.hostname}`);
	return url;
}

export function isEncodingAesKey(value: unknown): value is string {
	return typeof value === 'string' && /^[A-Za-z0-9+/]{43}$/.test(value) && Buffer.from(`${value}=`, 'base64').length === 32;
}
