/** Which SharedState a process gets, from n8n's own settings only. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedState } from '../../../../nodes/shared/state';
import { queueRedis } from '../../../../nodes/shared/state/queueRedis';
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { startRedis } from '../../../helpers/redisServer';

describe('queueRedis: n8n 2.41 queue-mode settings', () => {
	it('regular mode (no EXECUTIONS_MODE, or regular): no Redis', () => {
		expect(queueRedis({})).toBeUndefined();
		expect(queueRedis({ EXECUTIONS_MODE: 'regular', QUEUE_BULL_REDIS_HOST: 'redis' })).toBeUndefined();
	});

	it("queue mode with nothing else set: n8n's defaults (localhost:6379, db 0, prefix bull)", () => {
		const redis = queueRedis({ EXECUTIONS_MODE: 'queue' });
		expect(redis?.options).toMatchObject({ host: 'localhost', port: 6379, db: 0 });
		expect(redis?.options.password).toBeUndefined();
		expect(redis?.options.tls).toBeUndefined();
		expect(redis?.prefix).toBe('bull:n8n-nodes-wecom-oa');
		expect(redis?.clusterNodes).toEqual([]);
	});

	it('reads host, port, db, username, password (also from a _FILE), TLS, prefix and cluster nodes', () => {
		const dir = mkdtempSync(join(tmpdir(), 'queue-redis-'));
		writeFileSync(join(dir, 'password'), 's3cret\n');
		const redis = queueRedis({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: 'redis.internal',
			QUEUE_BULL_REDIS_PORT: '6380',
			QUEUE_BULL_REDIS_DB: '2',
			QUEUE_BULL_REDIS_USERNAME: 'n8n',
			QUEUE_BULL_REDIS_PASSWORD_FILE: join(dir, 'password'),
			QUEUE_BULL_REDIS_TLS: 'true',
			QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE: 'false',
			QUEUE_BULL_PREFIX: 'prod',
			QUEUE_BULL_REDIS_CLUSTER_NODES: 'r1:7000, r2:7001',
		});
		expect(redis?.options).toMatchObject({
			host: 'redis.internal',
			port: 6380,
			db: 2,
			username: 'n8n',
			password: 's3cret',
			tls: { rejectUnauthorized: false },
		});
		expect(redis?.prefix).toBe('prod:n8n-nodes-wecom-oa');
		expect(redis?.clusterNodes).toEqual([
			{ host: 'r1', port: 7000 },
			{ host: 'r2', port: 7001 },
		]);
	});
});

describe('sharedState(): chosen once per process', () => {
	const saved = { ...process.env };
	afterEach(() => {
		process.env = { ...saved };
		resetProcessState();
	});

	it('in process in regular mode, the same instance on every call', () => {
		delete process.env.EXECUTIONS_MODE;
		resetProcessState();
		expect(sharedState().kind).toBe('process');
		expect(sharedState()).toBe(sharedState());
	});

	it("Redis in queue mode, on n8n's Redis", async () => {
		const redis = await startRedis();
		try {
			process.env.EXECUTIONS_MODE = 'queue';
			process.env.QUEUE_BULL_REDIS_HOST = '127.0.0.1';
			process.env.QUEUE_BULL_REDIS_PORT = String(redis.port);
			resetProcessState();
			const state = sharedState();
			expect(state.kind).toBe('redis');
			await state.put('probe', 'seen', 10_000);
			expect(await state.get('probe')).toBe('seen');
			await state.close();
		} finally {
			await redis.close();
		}
	});
});
