/** The process's relay to the AI bot's long connections, chosen once on first use (see relay.ts). */
import { queueClient } from '../../state';
import { queueRedis } from '../../state/queueRedis';
import { registerProcessState } from '../../testSeam';
import { RedisRelay } from './redisRelay';
import { DirectRelay, type SocketRelay } from './relay';

let chosen: SocketRelay | undefined;
registerProcessState(() => {
	void chosen?.close();
	chosen = undefined;
});

export function socketRelay(): SocketRelay {
	if (chosen) return chosen;
	const redis = queueRedis();
	if (!redis) return (chosen = new DirectRelay());
	// Two connections: one that subscribes (it can do nothing else) and one that publishes.
	return (chosen = new RedisRelay(queueClient(redis), queueClient(redis), redis.prefix));
}
