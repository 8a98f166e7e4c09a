'use strict';
/**
 * Preloaded into the e2e suite's n8n server (`node -r fake-clock.js n8n start`) so that a Schedule Trigger set to
 * a fixed time of day fires within seconds instead of once a day. The wall clock is shifted by a constant offset,
 * chosen so the process starts at E2E_FAKE_START (ISO 8601); time keeps running at normal speed, so timers and
 * cron delays stay consistent. Only Date is shifted; monotonic clocks (performance.now, hrtime) are not.
 * Not part of the package: test tooling only.
 */
const target = Date.parse(process.env.E2E_FAKE_START ?? '');
if (Number.isFinite(target)) {
	const RealDate = Date;
	const realNow = RealDate.now.bind(RealDate);
	const offset = target - realNow();
	const fakeNow = () => realNow() + offset;

	// Every Date, native or not, keeps RealDate.prototype, so `instanceof Date` holds everywhere.
	RealDate.now = fakeNow;
	globalThis.Date = new Proxy(RealDate, {
		construct(Target, args, newTarget) {
			return Reflect.construct(Target, args.length === 0 ? [fakeNow()] : args, newTarget === globalThis.Date ? Target : newTarget);
		},
		apply() {
			// Date() called as a function returns the current time as a string.
			return new RealDate(fakeNow()).toString();
		},
	});
	process.stderr.write(`[fake-clock] wall clock shifted by ${Math.round(offset / 1000)} s: now ${new RealDate(fakeNow()).toISOString()}\n`);
}
