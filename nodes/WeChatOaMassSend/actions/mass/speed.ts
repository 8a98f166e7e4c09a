/** WeChat's five mass-send speeds: 0 is fastest (800,000 a minute), 4 slowest (100,000). */
export const SPEEDS = [
	{ name: '0: 80万/分钟 (Fastest)', value: 0 },
	{ name: '1: 60万/分钟', value: 1 },
	{ name: '2: 45万/分钟', value: 2 },
	{ name: '3: 30万/分钟', value: 3 },
	{ name: '4: 10万/分钟 (Slowest)', value: 4 },
];

export const PER_MINUTE = [800_000, 600_000, 450_000, 300_000, 100_000];
