/**
 * Counting for WeChat's quotas ("每天", "每月", "每分钟"). Days and months are China's (UTC+8), where WeChat
 * resets its counters; all times are the emulator clock, so tests cross a day with advanceTime.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export function chinaDay(ms: number): number {
	return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

export function chinaMonth(ms: number): number {
	const date = new Date(ms + CHINA_OFFSET_MS);
	return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Counts events per key within a period (a day, a month, a minute); a new period starts from zero. */
export class PeriodCounter {
	private counts = new Map<string, { period: number; count: number }>();

	constructor(private readonly periodOf: (ms: number) => number) {}

	count(key: string, now: number): number {
		const entry = this.counts.get(key);
		return entry === undefined || entry.period !== this.periodOf(now) ? 0 : entry.count;
	}

	add(key: string, now: number, by = 1): void {
		this.counts.set(key, { period: this.periodOf(now), count: this.count(key, now) + by });
	}

	reset(): void {
		this.counts.clear();
	}
}

export const perDay = (): PeriodCounter => new PeriodCounter(chinaDay);
export const perMonth = (): PeriodCounter => new PeriodCounter(chinaMonth);
export const perMinute = (): PeriodCounter => new PeriodCounter((ms) => Math.floor(ms / 60_000));
