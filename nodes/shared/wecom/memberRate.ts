/**
 * WeCom takes at most 30 application messages a minute and 1,000 an hour from one app to one member, and drops
 * the rest without an error ("每应用对同一个成员不可超过30次/分钟，1000次/小时，超过部分会被丢弃不下发"). The call
 * succeeds, so only counting tells: this module counts what this n8n process sent per app and member, across
 * runs and executions (a Loop Over Items sends one item per run), and words a warning for each send over a limit.
 * Only members named in `touser` are counted; `@all`, departments and tags expand on WeCom's side.
 */
import { registerProcessState, timings } from '../testSeam';

const MEMBER_PER_MINUTE = 30;
const MEMBER_PER_HOUR = 1_000;
/** Beyond this many members tracked, members with nothing in the last hour are forgotten. */
const PRUNE_ABOVE = 50_000;

/**
 * One member's send times, ascending, with the start of the last hour and of the last minute: time only moves
 * forward, so both starts only move forward and a send costs O(1), even for a loop that messages one person.
 */
interface Sends {
	times: number[];
	hourStart: number;
	minuteStart: number;
}

const sentTo = new Map<string, Sends>();
registerProcessState(() => sentTo.clear());

const hourMs = () => 60 * timings.quotaMinuteMs;

function prune(now: number): void {
	for (const [key, sends] of sentTo) {
		if (sends.times[sends.times.length - 1] <= now - hourMs()) sentTo.delete(key);
	}
}

/** Adds a send at `now`; returns how many fall in the last minute and the last hour. */
function record(sends: Sends, now: number): { minute: number; hour: number } {
	const { times } = sends;
	times.push(now);
	while (times[sends.hourStart] <= now - hourMs()) sends.hourStart++;
	sends.minuteStart = Math.max(sends.minuteStart, sends.hourStart);
	while (times[sends.minuteStart] <= now - timings.quotaMinuteMs) sends.minuteStart++;
	if (sends.hourStart > 1024 && sends.hourStart * 2 > times.length) {
		sends.times = times.slice(sends.hourStart);
		sends.minuteStart -= sends.hourStart;
		sends.hourStart = 0;
	}
	return { minute: sends.times.length - sends.minuteStart, hour: sends.times.length - sends.hourStart };
}

/** Records one delivered send to these members; returns a warning per member it took over a limit. */
export function countMemberSends(corpId: string, agentId: number, members: readonly string[]): string[] {
	const now = Date.now();
	if (sentTo.size > PRUNE_ABOVE) prune(now);
	const warnings: string[] = [];
	for (const member of new Set(members)) {
		const key = `${corpId}|${agentId}|${member.toLowerCase()}`;
		let sends = sentTo.get(key);
		if (!sends) {
			sends = { times: [], hourStart: 0, minuteStart: 0 };
			sentTo.set(key, sends);
		}
		const count = record(sends, now);
		if (count.minute > MEMBER_PER_MINUTE) {
			warnings.push(
				`${member} got ${count.minute} messages from this app within a minute (sent by this n8n): WeCom drops those above ${MEMBER_PER_MINUTE} a minute to one member without an error (每应用对同一个成员不可超过30次/分钟). Space them out or combine them into one message.`,
			);
		} else if (count.hour > MEMBER_PER_HOUR) {
			warnings.push(
				`${member} got ${count.hour} messages from this app within an hour (sent by this n8n): WeCom drops those above ${MEMBER_PER_HOUR} an hour to one member without an error (1000次/小时). Combine them into fewer messages.`,
			);
		}
	}
	return warnings;
}
