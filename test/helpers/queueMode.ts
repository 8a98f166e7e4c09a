/**
 * Plays n8n's queue mode for one test file: a real redis-server, and n8n's EXECUTIONS_MODE / QUEUE_BULL_REDIS_*
 * settings pointing at it, so that sharedState() picks Redis as it would in a queue-mode n8n. resetProcessState()
 * then plays a newly started process (empty memory, its own connection to the same Redis).
 */
import { Redis } from 'ioredis';
import { RedisState } from '../../nodes/shared/state/redisState';
import { resetProcessState } from '../../nodes/shared/testSeam';
import { startRedis, type RedisServer } from './redisServer';

export interface QueueMode {
	redis: RedisServer;
	/** Another n8n process's view of the shared state: the same prefix and keys as ours. */
	otherProcess: RedisState;
	/** A plain client, to look at what Redis holds. */
	client(): Redis;
}

export function useQueueMode(): () => QueueMode {
	let mode: QueueMode | undefined;
	const opened: Redis[] = [];
	const saved = { ...process.env };
	beforeAll(async () => {
		const redis = await startRedis();
		const connect = () => {
			const client = new Redis({ host: '127.0.0.1', port: redis.port });
			opened.push(client);
			return client;
		};
		process.env.EXECUTIONS_MODE = 'queue';
		process.env.QUEUE_BULL_REDIS_HOST = '127.0.0.1';
		process.env.QUEUE_BULL_REDIS_PORT = String(redis.port);
		resetProcessState();
		mode = { redis, otherProcess: new RedisState(connect(), 'bull:n8n-nodes-wecom-oa'), client: connect };
	});
	afterAll(async () => {
		process.env = { ...saved };
		resetProcessState();
		for (const client of opened) client.disconnect();
		await mode?.redis.close();
	});
	return () => {
		if (!mode) throw new Error('queue mode not started');
		return mode;
	};
}
