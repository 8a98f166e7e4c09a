/**
 * Control-API bodies (JSON, unknown until checked) → push, verification and target options. Only the shapes
 * are checked here; the values (loopback URL, key length, bounds) are resolvePush's job, in one place.
 */
import { isRecord } from '../core/json';
import { CALLBACK_MODES, type CallbackEndpoint, type CallbackMode, type PushOptions, type VerifyOptions } from './options';

/** Where an account's events are pushed (`emulator.callbacks.configureOa`, POST /__emulator/callbacks/oa). */
export interface OaCallbackTarget {
	url: string;
	token: string;
	/** Required for compatible and safe mode. */
	encodingAesKey?: string;
	/** Default `plain`, WeChat's default. */
	mode?: CallbackMode;
	timeoutMs?: number;
	tries?: number;
}

type Fields = Record<string, unknown>;

const STRING_FIELDS = ['url', 'token', 'encodingAesKey', 'receiveId', 'nonce', 'echostr'] as const;
const INTEGER_FIELDS = ['timeoutMs', 'tries'] as const;

/** The first field of the wrong type, as the 400 reason. */
function wrongField(fields: Fields): string | undefined {
	for (const name of STRING_FIELDS) if (fields[name] !== undefined && typeof fields[name] !== 'string') return `${name} must be a string`;
	for (const name of INTEGER_FIELDS) if (fields[name] !== undefined && !Number.isInteger(fields[name])) return `${name} must be an integer`;
	const { timestamp } = fields;
	if (timestamp !== undefined && typeof timestamp !== 'string' && typeof timestamp !== 'number') return 'timestamp must be a string or a number';
	if (fields.mode !== undefined && modeOf(fields) === undefined) return `mode must be one of ${CALLBACK_MODES.join(', ')}`;
	return undefined;
}

/** Read after wrongField passed: a wrong type cannot remain, so undefined means absent. */
function text(fields: Fields, name: (typeof STRING_FIELDS)[number]): string | undefined {
	const value = fields[name];
	return typeof value === 'string' ? value : undefined;
}

function integer(fields: Fields, name: (typeof INTEGER_FIELDS)[number]): number | undefined {
	const value = fields[name];
	return typeof value === 'number' ? value : undefined;
}

function modeOf(fields: Fields): CallbackMode | undefined {
	return CALLBACK_MODES.find((candidate) => candidate === fields.mode);
}

/** The fields every push and verification has, or the reason they cannot be used. */
function endpoint(body: unknown): (CallbackEndpoint & { fields: Fields }) | string {
	if (!isRecord(body)) return 'the body must be a JSON object';
	const { platform, timestamp } = body;
	if (platform !== 'oa' && platform !== 'wecom') return 'platform must be "oa" or "wecom"';
	const wrong = wrongField(body);
	if (wrong !== undefined) return wrong;
	const url = text(body, 'url');
	const token = text(body, 'token');
	if (url === undefined || token === undefined) return 'url and token are required';
	return {
		fields: body,
		url,
		platform,
		token,
		encodingAesKey: text(body, 'encodingAesKey'),
		receiveId: text(body, 'receiveId'),
		nonce: text(body, 'nonce'),
		timestamp: typeof timestamp === 'string' || typeof timestamp === 'number' ? timestamp : undefined,
		timeoutMs: integer(body, 'timeoutMs'),
	};
}

export function parsePushBody(body: unknown): PushOptions | string {
	const base = endpoint(body);
	if (typeof base === 'string') return base;
	const { fields, ...options } = base;
	const { message } = fields;
	if (typeof message !== 'string' && !isRecord(message)) return 'message must be an object of XML fields or an XML string';
	return { ...options, mode: modeOf(fields), tries: integer(fields, 'tries'), message };
}

export function parseVerifyBody(body: unknown): VerifyOptions | string {
	const base = endpoint(body);
	if (typeof base === 'string') return base;
	const { fields, ...options } = base;
	return { ...options, echostr: text(fields, 'echostr') };
}

/** `{appId, url, token, encodingAesKey?, mode?, timeoutMs?, tries?}`; `url: null` removes the account's target. */
export function parseOaTargetBody(body: unknown): { appId: string; target: OaCallbackTarget | null } | string {
	if (!isRecord(body) || typeof body.appId !== 'string' || body.appId === '') return 'body must be {"appId", "url", "token", "encodingAesKey"?, "mode"?, "timeoutMs"?, "tries"?}';
	if (body.url === null) return { appId: body.appId, target: null };
	const base = endpoint({ ...body, platform: 'oa' });
	if (typeof base === 'string') return base;
	const { fields } = base;
	return {
		appId: body.appId,
		target: { url: base.url, token: base.token, encodingAesKey: base.encodingAesKey, mode: modeOf(fields), timeoutMs: base.timeoutMs, tries: integer(fields, 'tries') },
	};
}
