/**
 * The one place that reads n8n's queue-mode settings: the Redis that n8n's Bull queue uses is the one we share
 * state through, so users configure nothing for us. Names and defaults as in n8n 2.41's own config
 * (@n8n/config scaling-mode.config.js and executions.config.js, read like n8n reads them: `NAME`, else the file
 * named by `NAME_FILE`; its Redis client options as in n8n's redis-client.service.js).
 */
import { readFileSync } from 'node:fs';
import type { ClusterOptions, RedisOptions } from 'ioredis';

type Env = Record<string, string | undefined>;

export interface QueueRedis {
	/** QUEUE_BULL_PREFIX, n8n's default `bull`: our keys sit under `<prefix>:n8n-nodes-wecom-oa`. */
	prefix: string;
	options: RedisOptions;
	/** QUEUE_BULL_REDIS_CLUSTER_NODES, when n8n talks to a Redis Cluster. */
	clusterNodes: Array<{ host: string; port: number }>;
	clusterOptions: ClusterOptions;
}

function read(env: Env, name: string): string | undefined {
	const direct = env[name];
	if (direct !== undefined) return direct.trim().replace(/^(['"])(.*)\1$/, '$2');
	const file = env[`${name}_FILE`];
	return file ? readFileSync(file, 'utf8').trim() : undefined;
}

function number(env: Env, name: string, fallback: number): number {
	const value = read(env, name);
	const parsed = value === undefined || value === '' ? NaN : Number(value);
	return Number.isFinite(parsed) ? parsed : fallback;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
	const value = read(env, name);
	return value === undefined ? fallback : ['true', '1'].includes(value.toLowerCase());
}

/** n8n's Redis settings when this process runs in queue mode (EXECUTIONS_MODE=queue), else undefined. */
export function queueRedis(env: Env = process.env): QueueRedis | undefined {
	if (read(env, 'EXECUTIONS_MODE') !== 'queue') return undefined;
	const options: RedisOptions = {
		host: read(env, 'QUEUE_BULL_REDIS_HOST') || 'localhost',
		port: number(env, 'QUEUE_BULL_REDIS_PORT', 6379),
		db: number(env, 'QUEUE_BULL_REDIS_DB', 0),
		username: read(env, 'QUEUE_BULL_REDIS_USERNAME') || undefined,
		password: read(env, 'QUEUE_BULL_REDIS_PASSWORD') || undefined,
		// A webhook must answer WeChat within 5 s: a command that cannot reach Redis fails fast instead of queueing.
		commandTimeout: 2_000,
		maxRetriesPerRequest: 1,
		enableReadyCheck: false,
	};
	if (flag(env, 'QUEUE_BULL_REDIS_DUALSTACK', false)) options.family = 0;
	if (flag(env, 'QUEUE_BULL_REDIS_TLS', false)) {
		options.tls = {
			servername: read(env, 'QUEUE_BULL_REDIS_TLS_SERVERNAME') || undefined,
			rejectUnauthorized: flag(env, 'QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE', true),
		};
	}
	if (flag(env, 'QUEUE_BULL_REDIS_KEEP_ALIVE', false)) {
		options.keepAlive = number(env, 'QUEUE_BULL_REDIS_KEEP_ALIVE_DELAY', 5_000);
	}
	const clusterNodes = (read(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES') ?? '')
		.split(',')
		.filter((pair) => pair.trim().length > 0)
		.map((pair) => {
			const [host, port] = pair.trim().split(':');
			return { host, port: Number.parseInt(port, 10) };
		});
	const clusterOptions: ClusterOptions = {
		redisOptions: options,
		slotsRefreshTimeout: number(env, 'QUEUE_BULL_REDIS_SLOT_REFRESH_TIMEOUT', 1_000),
		slotsRefreshInterval: number(env, 'QUEUE_BULL_REDIS_SLOT_REFRESH_INTERVAL', 5_000),
		...(read(env, 'QUEUE_BULL_REDIS_DNS_LOOKUP_STRATEGY') === 'NONE'
			? { dnsLookup: (address: string, done: (error: null, address: string) => void) => done(null, address) }
			: {}),
	};
	const prefix = `${read(env, 'QUEUE_BULL_PREFIX') || 'bull'}:n8n-nodes-wecom-oa`;
	return { prefix, options, clusterNodes, clusterOptions };
}
