/**
 * WeCom takes at most 30 application messages a minute and 1,000 an hour from one app to one member, and drops
 * the rest without an error ("每应用对同一个成员不可超过30次/分钟，1000次/小时，超过部分会被丢弃不下发"). The call
 * succeeds, so only counting tells: this module counts what this n8n process sent per app and member, across
 * runs and executions (a Loop Over Items sends one item per run), and words a warning for each send over a limit.
 * Only members named in `touser` are counted; `@all`, departments and tags expand on WeCom's side.
 */
import { registerProcessState, timings } from '../testSeam';

export const MEMBER_PER_MINUTE = 30;
export const MEMBER_PER_HOUR = 1_000;
/** Beyond this many members tracked, members with nothing in the last hour are forgotten. */
const PRUNE_ABOVE = 50_000;

/** Send times per app and member, ascending. */
const sentTo = new Map<string, number[]>();
registerProcessState(() => sentTo.clear());

const hourMs = () => 60 * timings.quotaMinuteMs;

function prune(now: number): void {
	for (const [key, times] of sentTo) {
		if (times[times.length - 1] <= now - hourMs()) sentTo.delete(key);
	}
}

/** Records one delivered send to these members; returns a warning per member it took over a limit. */
export function countMemberSends(corpId: string, agentId: number, members: readonly string[]): string[] {
	const now = Date.now();
	if (sentTo.size > PRUNE_ABOVE) prune(now);
	const warnings: string[] = [];
	for (const member of new Set(members)) {
		const key = `${corpId}|${agentId}|${member.toLowerCase()}`;
		const times = (sentTo.get(key) ?? []).filter((time) => time > now - hourMs());
		times.push(now);
		// One over the hourly limit is all a warning needs; longer lists would only cost time.
		if (times.length > MEMBER_PER_HOUR + 1) times.shift();
		sentTo.set(key, times);
		const lastMinute = times.filter((time) => time > now - timings.quotaMinuteMs).length;
		if (lastMinute > MEMBER_PER_MINUTE) {
			warnings.push(
				`${member} got ${lastMinute} messages from this app within a minute (sent by this n8n): WeCom drops those above ${MEMBER_PER_MINUTE} a minute to one member without an error (每应用对同一个成员不可超过30次/分钟). Space them out or combine them into one message.`,
			);
		} else if (times.length > MEMBER_PER_HOUR) {
			warnings.push(
				`${member} got ${times.length} messages from this app within an hour (sent by this n8n): WeCom drops those above ${MEMBER_PER_HOUR} an hour to one member without an error (1000次/小时). Combine them into fewer messages.`,
			);
		}
	}
	return warnings;
}
