/**
 * One token fetch per credential across n8n processes. Behind each process's memory and static-data layers, a
 * process that needs a token first looks in the shared state (where the token is kept sealed with a key derived
 * from the secret, so the shared store never holds a usable token), and only the process that wins a short lock
 * fetches; the others wait for what it shares. In regular mode the shared state is this process's memory and this
 * adds nothing but one sealed copy.
 */
import { processId, sharedState, type SharedState } from '../state';
import { registerProcessState } from '../testSeam';
import type { FetchedToken } from './token';

export interface ShareOptions {
	/** The token cache's key for this credential and purpose (a hash, never the secret). */
	key: string;
	fetch: () => Promise<FetchedToken>;
	seal(token: string): string;
	/** undefined when sealed with another secret. */
	unseal(sealed: string): string | undefined;
	/** How long other processes may take this token: until it is due for refresh. */
	shareForMs(fetched: FetchedToken): number;
}

interface SharedEntry {
	sealed: string;
	expiresAt: number;
}

/** Longer than one token fetch with its retries normally takes; a holder that died frees it after this. */
const LOCK_MS = 20_000;
const POLL_MS = 100;

/** Tokens this process saw WeChat reject, per key: never taken from the shared state again. */
const rejected = new Map<string, string>();
registerProcessState(() => rejected.clear());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export async function fetchShared(options: ShareOptions): Promise<FetchedToken> {
	const state = sharedState();
	try {
		return await lockedFetch(state, options);
	} catch (error) {
		if (error instanceof SharedStateDown) return await options.fetch();
		throw error;
	}
}

/** The shared state failed (not the fetch): the process fetches on its own. */
class SharedStateDown extends Error {}

async function shared<T>(operation: Promise<T>): Promise<T> {
	try {
		return await operation;
	} catch (error) {
		throw new SharedStateDown(error instanceof Error ? error.message : String(error));
	}
}

async function lockedFetch(state: SharedState, options: ShareOptions): Promise<FetchedToken> {
	const tokenKey = `token|${options.key}`;
	const lockKey = `token-lock|${options.key}`;
	for (;;) {
		const found = await readShared(state, tokenKey, options);
		if (found) return found;
		const lock = await shared(state.claim(lockKey, processId(), LOCK_MS));
		if (lock.won) {
			try {
				const fetched = await options.fetch();
				rejected.delete(options.key);
				const entry: SharedEntry = {
					sealed: options.seal(fetched.accessToken),
					expiresAt: Date.now() + fetched.expiresInSeconds * 1000,
				};
				const ttl = options.shareForMs(fetched);
				if (ttl > 0) await state.put(tokenKey, JSON.stringify(entry), ttl).catch(() => undefined);
				return fetched;
			} finally {
				await state.release(lockKey, processId()).catch(() => undefined);
			}
		}
		await sleep(POLL_MS);
	}
}

async function readShared(
	state: SharedState,
	tokenKey: string,
	options: ShareOptions,
): Promise<FetchedToken | undefined> {
	const raw = await shared(state.get(tokenKey));
	if (raw === undefined) return undefined;
	const entry = JSON.parse(raw) as SharedEntry;
	const token = options.unseal(entry.sealed);
	const remainingMs = entry.expiresAt - Date.now();
	if (token === undefined || remainingMs <= 0 || rejected.get(options.key) === token) return undefined;
	return { accessToken: token, expiresInSeconds: remainingMs / 1000 };
}

/** WeChat rejected `token`: no process takes it from the shared state any more. */
export function forgetShared(key: string, token: string, unseal: (sealed: string) => string | undefined): void {
	rejected.set(key, token);
	const state = sharedState();
	const tokenKey = `token|${key}`;
	void (async () => {
		const raw = await state.get(tokenKey);
		if (raw !== undefined && unseal((JSON.parse(raw) as SharedEntry).sealed) === token) {
			await state.release(tokenKey, raw);
		}
	})().catch(() => undefined);
}
