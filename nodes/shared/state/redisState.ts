/**
 * The Redis implementation of SharedState, on the Redis that n8n's queue mode already runs (see queueRedis.ts).
 * Each operation is one command or one Lua script, so it is atomic across every process that shares the Redis.
 * Time inside scripts is Redis's own clock (TIME), so processes on hosts with skewed clocks agree on windows.
 * Keys are hashed (a robot's key or a message id never appears in Redis as is) and carry one hash tag per
 * logical key, so a script's two keys land on the same node of a Redis Cluster.
 */
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Claim, PaceWindow, SharedState } from './sharedState';

/** SET NX PX, or who holds it: one round trip, no gap between the two. */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** ARGV[1] is the expected value, ARGV[2] '1' when the key is expected to be absent; ARGV[4] '' keeps the TTL. */
const SWAP = `
local current = redis.call('GET', KEYS[1])
if ARGV[2] == '1' then
  if current then return 0 end
elseif current ~= ARGV[1] then return 0 end
local ttl = ARGV[4]
if ttl == '' then ttl = redis.call('PTTL', KEYS[1]) end
if tonumber(ttl) > 0 then redis.call('SET', KEYS[1], ARGV[3], 'PX', ttl) else redis.call('SET', KEYS[1], ARGV[3]) end
return 1`;

/** Slots are members of a sorted set scored by when they leave the window; KEYS[2] is the block. */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return blocked end
local windowMs = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]) + windowMs, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + windowMs)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now + windowMs then return math.max(1, math.ceil(windowMs / 50)) end
return oldest - now + 1`;

const RELEASE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const BLOCK = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0`;

type Client = Redis | Cluster;

/**
 * Where `key` lives in Redis under `prefix`: hashed (no robot key, message id or bot id readable there), one hash
 * tag per logical key (see above). Also names the AI-bot relay's channels.
 */
export function hashedKey(prefix: string, key: string): string {
	return `${prefix}:{${createHash('sha256').update(key).digest('base64url').slice(0, 32)}}`;
}

export class RedisState implements SharedState {
	readonly kind = 'redis';

	/** `prefix` namespaces our keys next to n8n's own (its QUEUE_BULL_PREFIX). */
	constructor(
		private readonly client: Client,
		private readonly prefix: string,
	) {}

	async claim(key: string, holder: string, ttlMs: number): Promise<Claim> {
		const current = (await this.client.eval(CLAIM, 1, this.key(key), holder, ttlMs)) as string | null;
		return current === null ? { won: true } : { won: false, holder: current };
	}

	async release(key: string, holder: string): Promise<boolean> {
		return (await this.client.eval(RELEASE, 1, this.key(key), holder)) === 1;
	}

	async put(key: string, value: string, ttlMs: number): Promise<void> {
		await this.client.set(this.key(key), value, 'PX', ttlMs);
	}

	async get(key: string): Promise<string | undefined> {
		return (await this.client.get(this.key(key))) ?? undefined;
	}

	async swap(key: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean> {
		const absent = expected === undefined ? '1' : '0';
		const ttl = ttlMs === undefined ? '' : Math.max(1, Math.ceil(ttlMs));
		return (await this.client.eval(SWAP, 1, this.key(key), expected ?? '', absent, next, ttl)) === 1;
	}

	async takeSlot(key: string, slot: string, window: PaceWindow, holdMs: number): Promise<number> {
		const lane = this.key(key);
		const wait = await this.client.eval(TAKE_SLOT, 2, lane, `${lane}:block`, slot, window.max, window.windowMs, holdMs);
		return Number(wait);
	}

	async releaseSlot(key: string, slot: string, windowMs: number): Promise<void> {
		await this.client.eval(RELEASE_SLOT, 1, this.key(key), slot, windowMs);
	}

	async block(key: string, forMs: number): Promise<void> {
		await this.client.eval(BLOCK, 1, `${this.key(key)}:block`, Math.max(1, Math.ceil(forMs)));
	}

	async blockedFor(key: string): Promise<number> {
		return Math.max(0, await this.client.pttl(`${this.key(key)}:block`));
	}

	async close(): Promise<void> {
		if (this.client.status !== 'end') this.client.disconnect();
	}

	private key(key: string): string {
		return hashedKey(this.prefix, key);
	}
}
