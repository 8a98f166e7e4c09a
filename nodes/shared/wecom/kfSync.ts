/**
 * Reading WeChat Customer Service messages (kf/sync_msg, path/94670) for one account, exactly once.
 *
 * WeCom only announces new messages (kf_msg_or_event with a Token); the messages are read from a cursor. The
 * cursor and the last msgids are kept per account in workflow static data (they survive a restart) and in the
 * shared state (this process's memory, or n8n's Redis in queue mode), and pulls of one account wait for each
 * other: n8n gives every webhook request its own copy of static data, so two events arriving together would
 * otherwise both read from the same saved cursor. The msgids are the second guard, for a cursor that a
 * concurrent save of static data put back.
 */
import { randomBytes } from 'node:crypto';
import { callJson, type JsonObject, type TokenClient } from '../transport/client';
import { registerProcessState, timings } from '../testSeam';
import { processId, sharedState, type SharedState } from '../state';

/** sync_msg's largest page ("默认值和最大值都为1000"). */
export const SYNC_LIMIT = 1000;
/** At most this many pages per event (1,000,000 messages): a server that always says has_more cannot loop us forever. */
const MAX_PAGES = 1000;
/** msgids remembered per account, in the shared state and in static data. */
export const RECENT_IDS = 500;
/** In-process lanes kept (one per trigger and account); the least recently used give way. */
const MAX_LANES = 2000;
/** The cross-process pull lock lasts this long: a process that died holding it blocks no longer. */
const LOCK_MS = 60_000;
/** How long the shared state keeps an account's entry: WeCom keeps messages 3 days. */
const ENTRY_MS = 4 * 24 * 3600 * 1000;

/** What static data (and the shared state) holds per account. */
export interface KfCursorEntry {
	cursor: string;
	recent: string[];
}

export type KfCursorStore = Record<string, KfCursorEntry>;

/** The tail of the pulls of one key in this process: the next one starts when it settles. */
const lanes = new Map<string, Promise<void>>();
registerProcessState(() => lanes.clear());

/**
 * Runs `work` after every earlier pull of the same key in this process has ended. Waiting here first keeps the
 * shared lock for waits between processes, which poll.
 */
async function inLane<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = lanes.get(key) ?? Promise.resolve();
	let release = (): void => undefined;
	const tail = new Promise<void>((resolve) => {
		release = resolve;
	});
	lanes.delete(key);
	lanes.set(key, tail);
	for (const [oldKey] of lanes) {
		if (lanes.size <= MAX_LANES) break;
		lanes.delete(oldKey);
	}
	try {
		await previous;
		return await work();
	} finally {
		release();
		if (lanes.get(key) === tail) lanes.delete(key);
	}
}

/** Waits for the account's pull lock held by another process; a dead holder's lock expires after LOCK_MS. */
async function lock(state: SharedState, key: string, holder: string): Promise<void> {
	const giveUpAt = Date.now() + 2 * LOCK_MS;
	while (!(await state.claim(key, holder, LOCK_MS)).won) {
		if (Date.now() > giveUpAt)
			throw new Error(`another n8n process has been reading these messages for over ${(2 * LOCK_MS) / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 50 * timings.retryScale));
	}
}

function parseEntry(raw: string | undefined): KfCursorEntry | undefined {
	if (raw === undefined) return undefined;
	try {
		const entry = JSON.parse(raw) as Partial<KfCursorEntry>;
		if (typeof entry.cursor === 'string' && Array.isArray(entry.recent))
			return { cursor: entry.cursor, recent: entry.recent.map(String) };
	} catch {
		// An unreadable entry counts as none: static data still has one.
	}
	return undefined;
}

/** Every page after `cursor`: the messages and the cursor after the last one. */
export async function syncAll(
	client: TokenClient,
	request: { openKfid: string; token: string; cursor?: string },
): Promise<{ messages: JsonObject[]; cursor: string }> {
	const messages: JsonObject[] = [];
	let cursor = request.cursor ?? '';
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await callJson(client, {
			method: 'POST',
			path: '/cgi-bin/kf/sync_msg',
			json: { ...(cursor ? { cursor } : {}), token: request.token, limit: SYNC_LIMIT, open_kfid: request.openKfid },
			// A read: the same cursor gives the same page, so a retry is harmless.
			kind: 'read',
		});
		if (Array.isArray(answer.msg_list)) messages.push(...(answer.msg_list as JsonObject[]));
		if (typeof answer.next_cursor === 'string' && answer.next_cursor !== '') cursor = answer.next_cursor;
		if (Number(answer.has_more) !== 1) break;
	}
	return { messages, cursor };
}

export interface KfPull {
	/** Identifies the trigger (workflow and node) and the account: the lane, the lock and the shared entry. */
	laneKey: string;
	openKfid: string;
	token: string;
	/** What static data holds for the account (undefined before its first pull). */
	saved?: KfCursorEntry;
	/** Writes the account's entry to static data; called only after a successful pull. */
	save(entry: KfCursorEntry): void;
}

export interface KfPulled {
	/** New messages, in WeCom's order. */
	messages: JsonObject[];
	/** No cursor was known: this read started from the oldest message WeCom keeps. */
	firstPull: boolean;
}

async function pullLocked(client: TokenClient, pull: KfPull, state: SharedState, entryKey: string): Promise<KfPulled> {
	// The shared entry is at least as new as the copy of static data this request was given; both sets of
	// msgids count.
	const shared = parseEntry(await state.get(entryKey));
	const cursor = (shared ?? pull.saved)?.cursor;
	const known = [...new Set([...(pull.saved?.recent ?? []), ...(shared?.recent ?? [])])];
	const read = await syncAll(client, { openKfid: pull.openKfid, token: pull.token, cursor });
	const seen = new Set(known);
	const fresh = read.messages.filter((message) => {
		const id = String(message.msgid ?? '');
		if (id === '' || seen.has(id)) return false;
		seen.add(id);
		return true;
	});
	const recent = [...known, ...fresh.map((message) => String(message.msgid))].slice(-RECENT_IDS);
	const entry: KfCursorEntry = { cursor: read.cursor, recent };
	await state.put(entryKey, JSON.stringify(entry), ENTRY_MS);
	pull.save(entry);
	return { messages: fresh, firstPull: cursor === undefined };
}

/**
 * Pulls what is new for the account and returns the messages not seen before, in order. The cursor and the
 * msgids are saved only when every page was read: a failed pull leaves them as they were, so the next event
 * reads the same messages again.
 */
export async function pullNew(client: TokenClient, pull: KfPull): Promise<KfPulled> {
	return await inLane(pull.laneKey, async () => {
		const state = sharedState();
		const lockKey = `kf-pull|${pull.laneKey}`;
		const holder = `${processId()}:${randomBytes(6).toString('hex')}`;
		await lock(state, lockKey, holder);
		try {
			return await pullLocked(client, pull, state, `kf-cursor|${pull.laneKey}`);
		} finally {
			await state.release(lockKey, holder).catch(() => undefined);
		}
	});
}
