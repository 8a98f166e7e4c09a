/**
 * Emulator time: the wall clock plus an offset that tests can move forward, so that WeChat's long windows
 * (24 h message recall, 3-day media validity, 30-min duplicate check, 2-h tokens) are testable without waiting.
 */
export class Clock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
