/**
 * One access-token cache for both platforms, also used for the other short-lived credentials WeChat hands out
 * the same way (the OA's jsapi_ticket): each is a `purpose` of the same source.
 *
 * Lookup: process memory (shared by every workflow of this n8n process) → the workflow's static data (survives
 * restarts) → one single-flight fetch (in queue mode: across processes, see tokenShare.ts). Static data only ever holds the token sealed with a key derived from the
 * secret, so an exported workflow does not leak a usable token. Tokens are refreshed a few minutes before they
 * expire, and a token WeChat rejected is dropped only if it is still the cached one, so a burst of rejections
 * costs one refresh, not one per item.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { registerProcessState } from '../testSeam';
import { fetchShared, forgetShared } from './tokenShare';

export interface TokenSource {
	platform: 'wecom' | 'oa';
	baseUrl: string;
	/** corpId or appId. */
	id: string;
	secret: string;
	/** What is cached, when not the access token itself (e.g. `jsapi_ticket`): its own key and sealing key. */
	purpose?: string;
}

export interface FetchedToken {
	accessToken: string;
	expiresInSeconds: number;
}

/** The part of n8n's static data we use: a plain mutable object that n8n persists. */
export type StaticDataBag = Record<string, unknown>;

interface MemoryEntry {
	token?: string;
	/** When to fetch a new one: a few minutes before WeChat expires it. */
	refreshAt: number;
	/** When WeChat expires it: until then it is the fallback if a refresh fails. */
	expiresAt?: number;
	pending?: Promise<string>;
	/** Static-data bags that already hold this token, so hot calls skip the sealing check. */
	persistedIn?: WeakSet<StaticDataBag>;
}

interface SealedEntry {
	/** base64(iv ‖ tag ‖ AES-256-GCM(token)). */
	sealed: string;
	refreshAt: number;
	/** Absent in entries written by versions before it was kept. */
	expiresAt?: number;
}

const STATIC_KEY = 'wecomOaAccessTokens';
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
/** After a refresh failed while the token is still valid: how long to keep using it before trying again. */
const REFRESH_RETRY_MS = 30_000;

const memory = new Map<string, MemoryEntry>();
registerProcessState(() => memory.clear());

function digest(label: string, source: TokenSource): Buffer {
	return createHash('sha256')
		.update(
			`n8n-nodes-wecom-oa/${label}/v1\0${source.platform}\0${source.baseUrl}\0${source.id}\0${source.secret}` +
				(source.purpose ? `\0${source.purpose}` : ''),
		)
		.digest();
}

const keys = new WeakMap<TokenSource, string>();

/** Never the secret itself: a hash of platform, base URL, id and secret (computed once per source object). */
export function cacheKey(source: TokenSource): string {
	let key = keys.get(source);
	if (!key) {
		key = digest('key', source).toString('hex').slice(0, 40);
		keys.set(source, key);
	}
	return key;
}

function seal(source: TokenSource, token: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', digest('seal', source), iv);
	const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(source: TokenSource, sealed: string): string | undefined {
	try {
		const raw = Buffer.from(sealed, 'base64');
		const decipher = createDecipheriv('aes-256-gcm', digest('seal', source), raw.subarray(0, 12));
		decipher.setAuthTag(raw.subarray(12, 28));
		return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
	} catch {
		// Sealed with another secret (the credential changed): treat as absent.
		return undefined;
	}
}

function sealedEntries(bag: StaticDataBag | undefined, create: boolean): Record<string, SealedEntry> | undefined {
	if (!bag) return undefined;
	const existing = bag[STATIC_KEY];
	if (existing && typeof existing === 'object') return existing as Record<string, SealedEntry>;
	if (!create) return undefined;
	const fresh: Record<string, SealedEntry> = {};
	bag[STATIC_KEY] = fresh;
	return fresh;
}

/** Five minutes before expiry for a normal 2-hour token; a quarter of the lifetime for short-lived ones. */
function refreshTime(fetchedAt: number, lifetimeSeconds: number): number {
	const lifetimeMs = lifetimeSeconds * 1000;
	return fetchedAt + lifetimeMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 4);
}

function persist(
	bag: StaticDataBag | undefined,
	key: string,
	source: TokenSource,
	token: string,
	times: { refreshAt: number; expiresAt?: number },
): void {
	const { refreshAt, expiresAt } = times;
	const entries = sealedEntries(bag, true);
	if (!entries) return;
	const current = entries[key];
	if (current && current.refreshAt === refreshAt) return;
	entries[key] = { sealed: seal(source, token), refreshAt, ...(expiresAt ? { expiresAt } : {}) };
	// Drop other credentials' stale entries, so the bag stays tiny.
	const now = Date.now();
	for (const [other, entry] of Object.entries(entries)) {
		if (other !== key && entry.refreshAt <= now) delete entries[other];
	}
}

export interface TokenCacheOptions {
	source: TokenSource;
	fetch: () => Promise<FetchedToken>;
	staticData?: StaticDataBag;
}

/** A usable token: from memory, else static data, else one fetch shared by every concurrent caller. */
export async function getAccessToken({ source, fetch, staticData }: TokenCacheOptions): Promise<string> {
	const key = cacheKey(source);
	const now = Date.now();
	const cached = memory.get(key);
	if (cached?.token && now < cached.refreshAt) {
		if (staticData && !cached.persistedIn?.has(staticData)) {
			persist(staticData, key, source, cached.token, cached);
			(cached.persistedIn ??= new WeakSet()).add(staticData);
		}
		return cached.token;
	}
	if (cached?.pending) return await cached.pending;

	const stored = sealedEntries(staticData, false)?.[key];
	const storedToken =
		stored && (now < stored.refreshAt || now < (stored.expiresAt ?? 0)) ? unseal(source, stored.sealed) : undefined;
	if (stored && storedToken && now < stored.refreshAt) {
		memory.set(key, { token: storedToken, refreshAt: stored.refreshAt, expiresAt: stored.expiresAt });
		return storedToken;
	}
	// In the refresh window the current token still works: it is what callers get if the refresh fails.
	const fallback =
		cached?.token && now < (cached.expiresAt ?? 0)
			? { token: cached.token, expiresAt: cached.expiresAt ?? 0 }
			: storedToken && stored?.expiresAt
				? { token: storedToken, expiresAt: stored.expiresAt }
				: undefined;

	const entry: MemoryEntry = { refreshAt: 0 };
	entry.pending = (async () => {
		try {
			// In queue mode one process fetches for all; the others take what it shares.
			const fetched = await fetchShared({
				key,
				fetch,
				seal: (token) => seal(source, token),
				unseal: (sealed) => unseal(source, sealed),
				shareForMs: ({ expiresInSeconds }) => refreshTime(0, expiresInSeconds),
			});
			const fetchedAt = Date.now();
			const times = {
				refreshAt: refreshTime(fetchedAt, fetched.expiresInSeconds),
				expiresAt: fetchedAt + fetched.expiresInSeconds * 1000,
			};
			memory.set(key, { token: fetched.accessToken, ...times });
			persist(staticData, key, source, fetched.accessToken, times);
			return fetched.accessToken;
		} catch (error) {
			const failedAt = Date.now();
			if (fallback && failedAt < fallback.expiresAt && memory.get(key) === entry) {
				// WeChat did not hand out a new token, but the current one is still valid: keep it, try again later.
				const refreshAt = Math.min(failedAt + REFRESH_RETRY_MS, fallback.expiresAt);
				memory.set(key, { token: fallback.token, refreshAt, expiresAt: fallback.expiresAt });
				return fallback.token;
			}
			if (memory.get(key) === entry) memory.delete(key);
			throw error;
		}
	})();
	memory.set(key, entry);
	return await entry.pending;
}

/**
 * WeChat said `token` is invalid: forget it, unless the cache already moved on to a newer token (then the
 * caller simply picks that one up).
 */
export function invalidateAccessToken(source: TokenSource, token: string, staticData?: StaticDataBag): void {
	const key = cacheKey(source);
	const cached = memory.get(key);
	if (cached?.token === token) memory.delete(key);
	forgetShared(key, token, (sealed) => unseal(source, sealed));
	const entries = sealedEntries(staticData, false);
	const stored = entries?.[key];
	if (entries && stored && unseal(source, stored.sealed) === token) delete entries[key];
}
