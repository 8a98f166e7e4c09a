/**
 * Every refusal deserves a log line, but junk traffic (scanners, a replayed URL, a misconfigured proxy) must not
 * flood n8n's log: at most `perWindow` lines per window for one trigger, and the first line after a suppressed
 * spell says how many were left out. No timers: the count is reported with the next refusal that is logged.
 */

export interface RefusalLogOptions {
	/** Default 10 lines. */
	perWindow?: number;
	/** Default one minute. */
	windowMs?: number;
	/** Clock in milliseconds, injectable for tests. */
	now?: () => number;
}

export class RefusalLog {
	private readonly perWindow: number;
	private readonly windowMs: number;
	private readonly now: () => number;
	private windowStart = Number.NEGATIVE_INFINITY;
	private logged = 0;
	private suppressed = 0;

	constructor(options: RefusalLogOptions = {}) {
		this.perWindow = Math.max(1, options.perWindow ?? 10);
		this.windowMs = options.windowMs ?? 60_000;
		this.now = options.now ?? Date.now;
	}

	/** The line to write now, or undefined while this window's lines are spent. */
	admit(line: string): string | undefined {
		const now = this.now();
		if (now - this.windowStart >= this.windowMs) {
			this.windowStart = now;
			this.logged = 0;
		}
		if (this.logged >= this.perWindow) {
			this.suppressed++;
			return undefined;
		}
		this.logged++;
		if (this.suppressed === 0) return line;
		const note = ` (${this.suppressed} earlier ${this.suppressed === 1 ? 'refusal was' : 'refusals were'} not logged)`;
		this.suppressed = 0;
		return line + note;
	}
}
