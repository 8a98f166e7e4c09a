/**
 * The process's SharedState, chosen once on first use: Redis when n8n runs in queue mode, in process otherwise.
 * A test that calls resetProcessState() gets a fresh choice, as a newly started process would.
 */
import { Cluster, Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { registerProcessState } from '../testSeam';
import { MemoryState } from './memoryState';
import { queueRedis, type QueueRedis } from './queueRedis';
import { RedisState } from './redisState';
import type { SharedState } from './sharedState';

export type { Claim, PaceWindow, SharedState } from './sharedState';

let chosen: SharedState | undefined;
let id = randomBytes(6).toString('hex');

registerProcessState(() => {
	void chosen?.close();
	chosen = undefined;
	id = randomBytes(6).toString('hex');
});

export function sharedState(): SharedState {
	if (chosen) return chosen;
	const redis = queueRedis();
	if (!redis) return (chosen = new MemoryState());
	return (chosen = new RedisState(queueClient(redis), redis.prefix));
}

/** A new connection to n8n's queue Redis (a Cluster when n8n uses one). */
export function queueClient(redis: QueueRedis): Redis | Cluster {
	const client =
		redis.clusterNodes.length > 0 ? new Cluster(redis.clusterNodes, redis.clusterOptions) : new Redis(redis.options);
	// ioredis reports connection trouble as events; the failing commands carry it to their callers.
	client.on('error', () => undefined);
	return client;
}

/** This process among the others sharing the state: a claim's or a lock's holder. */
export function processId(): string {
	return `${process.pid}-${id}`;
}
