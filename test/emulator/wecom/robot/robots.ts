import { isRecord } from '../../core/json';

/** A group robot as a test seeds it: the webhook `key` is its only credential. */
export interface RobotConfig {
	key: string;
	name?: string;
}

export interface WeComRobot {
	key: string;
	name: string;
}

/** How many messages one robot may send per window. WeCom: 20 a minute (reference B9); tests shorten the window. */
export interface RobotRateLimit {
	max: number;
	windowMs: number;
}

export const DEFAULT_ROBOT_RATE_LIMIT: RobotRateLimit = { max: 20, windowMs: 60_000 };

/** One accepted webhook/send call, kept in arrival order across all robots. */
export interface RobotMessage {
	robotKey: string;
	msgtype: string;
	/** The request body exactly as parsed. */
	body: unknown;
	sentAt: number;
}

export interface RobotsSnapshot {
	robots: WeComRobot[];
	robotMessages: RobotMessage[];
	robotRateLimit: RobotRateLimit;
}

export class WeComRobots {
	private robots = new Map<string, WeComRobot>();
	private messages: RobotMessage[] = [];
	/** Send times of each robot's accepted messages still inside the window. */
	private recent = new Map<string, number[]>();
	private limit: RobotRateLimit;

	constructor(limit: RobotRateLimit = DEFAULT_ROBOT_RATE_LIMIT) {
		this.limit = { ...limit };
	}

	/** Adds the robot, replacing one with the same key. */
	add(config: RobotConfig): WeComRobot {
		const robot: WeComRobot = { key: config.key, name: config.name ?? 'Group Robot' };
		this.robots.set(robot.key, robot);
		return { ...robot };
	}

	find(key: string | undefined): WeComRobot | undefined {
		return key === undefined ? undefined : this.robots.get(key);
	}

	setRateLimit(limit: RobotRateLimit): void {
		this.limit = { ...limit };
	}

	/**
	 * True when the robot has sent fewer than `max` messages in the last `windowMs` (a sliding window). Only
	 * accepted messages count (see `record`), so a refused call never uses up the quota.
	 */
	withinLimit(key: string, now: number): boolean {
		const since = now - this.limit.windowMs;
		const times = (this.recent.get(key) ?? []).filter((time) => time > since);
		this.recent.set(key, times);
		return times.length < this.limit.max;
	}

	record(message: RobotMessage): void {
		this.messages.push(message);
		const times = this.recent.get(message.robotKey) ?? [];
		times.push(message.sentAt);
		this.recent.set(message.robotKey, times);
	}

	/** Clears messages and rate windows; robots and the rate limit are configuration and stay, like apps. */
	reset(): void {
		this.messages = [];
		this.recent.clear();
	}

	snapshot(): RobotsSnapshot {
		return {
			robots: [...this.robots.values()].map((robot) => ({ ...robot })),
			robotMessages: this.messages.map((message) => ({ ...message })),
			robotRateLimit: { ...this.limit },
		};
	}
}

/** Validates a robot that came over the control API. */
export function parseRobotConfig(value: unknown): RobotConfig | string {
	if (!isRecord(value)) return 'a robot must be an object';
	if (typeof value.key !== 'string' || value.key === '') return 'key must be a non-empty string';
	if (value.name !== undefined && typeof value.name !== 'string') return 'name must be a string';
	return typeof value.name === 'string' ? { key: value.key, name: value.name } : { key: value.key };
}

/** Validates a rate limit from the control API or the emulator options. */
export function parseRobotRateLimit(value: unknown): RobotRateLimit | string {
	if (!isRecord(value)) return 'a rate limit must be {"max": integer >= 1, "windowMs": integer >= 1}';
	const { max, windowMs } = value;
	if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) return 'max must be an integer >= 1';
	if (typeof windowMs !== 'number' || !Number.isInteger(windowMs) || windowMs < 1) return 'windowMs must be an integer >= 1';
	return { max, windowMs };
}
