/**
 * Reading WeChat Customer Service messages (kf/sync_msg, path/94670) for one account, exactly once.
 *
 * WeCom only announces new messages (kf_msg_or_event with a Token); the messages are read from a cursor. The
 * cursor and the last msgids are kept per account in workflow static data (they survive a restart) and in this
 * process's memory, where pulls of one account also wait for each other: n8n gives every webhook request its
 * own copy of static data, so two events arriving together would otherwise both read from the same saved
 * cursor. The msgids are the second guard, for a cursor that a concurrent save put back.
 */
import { callJson, type JsonObject, type TokenClient } from '../transport/client';
import { registerProcessState } from '../testSeam';

/** sync_msg's largest page ("默认值和最大值都为1000"). */
export const SYNC_LIMIT = 1000;
/** At most this many pages per event (1,000,000 messages): a server that always says has_more cannot loop us forever. */
const MAX_PAGES = 1000;
/** msgids remembered per account, in memory and in static data. */
export const RECENT_IDS = 500;
/** Accounts remembered in memory (each one cursor and its recent msgids); the least recently used give way. */
const MAX_LANES = 2000;

/** What static data holds per account. */
export interface KfCursorEntry {
	cursor: string;
	recent: string[];
}

export type KfCursorStore = Record<string, KfCursorEntry>;

interface Lane {
	tail: Promise<void>;
	entry?: KfCursorEntry;
}

const lanes = new Map<string, Lane>();
registerProcessState(() => lanes.clear());

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (lane) lanes.delete(key);
	else lane = { tail: Promise.resolve() };
	lanes.set(key, lane);
	for (const [oldKey] of lanes) {
		if (lanes.size <= MAX_LANES) break;
		lanes.delete(oldKey);
	}
	return lane;
}

/** Runs `work` after every earlier pull of the same key has ended (one lane per trigger and account). */
async function inLane<T>(key: string, work: (lane: Lane) => Promise<T>): Promise<T> {
	const lane = laneOf(key);
	const previous = lane.tail;
	let release = (): void => undefined;
	lane.tail = new Promise<void>((resolve) => {
		release = resolve;
	});
	try {
		await previous;
		return await work(lane);
	} finally {
		release();
	}
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
	/** Identifies the trigger (workflow and node) and the account, for the in-process lane. */
	laneKey: string;
	openKfid: string;
	token: string;
	/** What static data holds for the account (undefined before its first pull). */
	saved?: KfCursorEntry;
	/** Writes the account's entry to static data; called only after a successful pull. */
	save(entry: KfCursorEntry): void;
}

/**
 * Pulls what is new for the account and returns the messages not seen before, in order. The cursor and the
 * msgids are saved only when every page was read: a failed pull leaves them as they were, so the next event
 * reads the same messages again.
 */
export async function pullNew(
	client: TokenClient,
	pull: KfPull,
): Promise<{ messages: JsonObject[]; firstPull: boolean }> {
	return await inLane(pull.laneKey, async (lane) => {
		// This process's cursor is at least as new as the copy of static data this request was given; the msgids
		// of both count (another process may have pulled too).
		const cursor = (lane.entry ?? pull.saved)?.cursor;
		const known = [...new Set([...(pull.saved?.recent ?? []), ...(lane.entry?.recent ?? [])])];
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
		lane.entry = entry;
		pull.save(entry);
		return { messages: fresh, firstPull: cursor === undefined };
	});
}
