/**
 * Queue mode's relay to the AI bot's long connection, over n8n's Redis (pub/sub). The process that holds a bot's
 * connection (n8n's main process, where triggers run) subscribes to the bot's channel; a worker's reply node
 * publishes the frame there (req_id, cmd, body: what WeCom's frame carries, never the Secret) with the channel it
 * listens on for the answer; the holder sends it over the socket and publishes WeCom's ack or refusal back.
 * Frames published by one process arrive in the order published, so a stream's updates and its Finish reach the
 * socket in order, where the connection queues them per req_id as it does for its own process.
 *
 * The worker waits a bounded time: when no process is subscribed (Redis says so at once) or none answers in time,
 * the reply fails with what to do, and is not sent again (it may have reached WeCom). Channel names are hashed
 * like the SharedState's keys: no bot id appears in Redis.
 */
import { randomBytes } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { ServiceError } from '../../execution/errors';
import { hashedKey } from '../../state/redisState';
import { settleBy } from '../../state/settleBy';
import { timings } from '../../testSeam';
import { readJsonObject, type JsonObject } from '../json';
import { AiBotSocketError, type AiBotConnection, type SocketErrorKind } from './connection';
import { CMD, type ReplyCmd } from './frames';
import { notHeld, type SocketRelay } from './relay';

type Client = Redis | Cluster;

/** What a worker publishes on the bot's channel. */
interface Relayed {
	id: string;
	cmd: ReplyCmd;
	reqId: string;
	body: JsonObject;
	/** The channel the worker listens on for the answer. */
	answerTo: string;
}

/** What the holder publishes back: WeCom's ack, or why the frame was not confirmed. */
type Answer =
	| { id: string; ok: true }
	| { id: string; ok: false; kind: SocketErrorKind; message: string; errcode?: number; errmsg?: string };

const REPLY_CMDS: ReadonlySet<string> = new Set([CMD.respond, CMD.welcome, CMD.updateCard, CMD.send]);
/** The holder may wait for a reconnect and then for WeCom's ack (each up to aiBotAckTimeoutMs); this covers the Redis hops. */
const MARGIN_MS = 2_000;

function relayedOf(text: string): Relayed | undefined {
	const read = readJsonObject(text);
	if (!read.ok) return undefined;
	const { id, cmd, reqId, body, answerTo } = read.value;
	if (typeof id !== 'string' || typeof cmd !== 'string' || !REPLY_CMDS.has(cmd)) return undefined;
	if (typeof reqId !== 'string' || typeof answerTo !== 'string') return undefined;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	return { id, cmd: cmd as ReplyCmd, reqId, body: body as JsonObject, answerTo };
}

function answerOf(text: string): Answer | undefined {
	const read = readJsonObject(text);
	if (!read.ok || typeof read.value.id !== 'string') return undefined;
	return read.value as unknown as Answer;
}

function unrelayed(botId: string, error: Error): ServiceError {
	return new ServiceError(
		`The reply could not be handed to the process holding bot ${botId}'s long connection: n8n's Redis answered ${error.message}`,
		"Check that this n8n process reaches n8n's Redis (the QUEUE_BULL_REDIS_* settings). The reply was not sent again.",
	);
}

export class RedisRelay implements SocketRelay {
	readonly kind = 'redis';
	/** The connections this process holds, by their bot's channel. */
	private readonly served = new Map<string, AiBotConnection>();
	private readonly waiting = new Map<string, (answer: Answer) => void>();
	private readonly answers: string;
	private listening: Promise<unknown> | undefined;

	/** `subscriber` is given over to subscriptions; `publisher` sends. `prefix`: our keys' (see queueRedis.ts). */
	constructor(
		private readonly publisher: Client,
		private readonly subscriber: Client,
		private readonly prefix: string,
	) {
		this.answers = hashedKey(prefix, `aibot-relay-answers|${randomBytes(12).toString('hex')}`);
		subscriber.on('message', (channel: string, text: string) => {
			if (channel === this.answers) this.answered(text);
			else this.relay(channel, text);
		});
	}

	async request(botId: string, cmd: ReplyCmd, reqId: string, body: JsonObject): Promise<void> {
		const channel = this.channelOf(botId);
		const local = this.served.get(channel);
		if (local) {
			await local.request(cmd, reqId, body);
			return;
		}
		await this.listen(botId);
		const id = randomBytes(12).toString('hex');
		const answer = new Promise<Answer>((resolve) => this.waiting.set(id, resolve));
		try {
			const relayed: Relayed = { id, cmd, reqId, body, answerTo: this.answers };
			const receivers = await this.publisher.publish(channel, JSON.stringify(relayed)).catch((error: Error) => {
				throw unrelayed(botId, error);
			});
			// A Cluster counts only the receiving node's subscribers, so there only the wait below can tell.
			if (receivers === 0 && !(this.publisher instanceof Cluster)) throw notHeld(botId, 'queue');
			const waitMs = 2 * timings.aiBotAckTimeoutMs + MARGIN_MS;
			const got = await settleBy<Answer | undefined>(answer, Date.now() + waitMs, undefined);
			if (!got) {
				throw new ServiceError(
					`No n8n process holding bot ${botId}'s long connection answered within ${(waitMs / 1000).toFixed(1)} s`,
					"The reply may or may not have reached WeCom, so it was not sent again. Check that n8n's main process (it holds the connection) is running and reaches Redis, and its log for why the connection is down.",
				);
			}
			if (!got.ok) throw new AiBotSocketError(got.kind, got.message, got.errcode, got.errmsg);
		} finally {
			this.waiting.delete(id);
		}
	}

	async serve(connection: AiBotConnection): Promise<void> {
		const channel = this.channelOf(connection.botId);
		this.served.set(channel, connection);
		await this.subscriber.subscribe(channel);
	}

	async unserve(connection: AiBotConnection): Promise<void> {
		const channel = this.channelOf(connection.botId);
		if (this.served.get(channel) !== connection) return;
		this.served.delete(channel);
		await this.subscriber.unsubscribe(channel);
	}

	async close(): Promise<void> {
		this.served.clear();
		for (const client of [this.subscriber, this.publisher]) if (client.status !== 'end') client.disconnect();
	}

	/** Subscribes to this process's answer channel once (again after a failure). */
	private async listen(botId: string): Promise<void> {
		this.listening ??= this.subscriber.subscribe(this.answers).catch((error: Error) => {
			this.listening = undefined;
			throw unrelayed(botId, error);
		});
		await this.listening;
	}

	private channelOf(botId: string): string {
		return hashedKey(this.prefix, `aibot-relay|${botId}`);
	}

	private answered(text: string): void {
		const answer = answerOf(text);
		if (answer) this.waiting.get(answer.id)?.(answer);
	}

	/** A worker's frame for a connection held here: sent at once (in the order received), its ack published back. */
	private relay(channel: string, text: string): void {
		const connection = this.served.get(channel);
		const relayed = relayedOf(text);
		if (!connection || !relayed) return;
		const reply = (answer: Answer) => {
			this.publisher.publish(relayed.answerTo, JSON.stringify(answer)).catch(() => undefined);
		};
		connection.request(relayed.cmd, relayed.reqId, relayed.body).then(
			() => reply({ id: relayed.id, ok: true }),
			(error: Error) =>
				reply(
					error instanceof AiBotSocketError
						? {
								id: relayed.id,
								ok: false,
								kind: error.kind,
								message: error.message,
								...(error.errcode !== undefined ? { errcode: error.errcode } : {}),
								...(error.errmsg !== undefined ? { errmsg: error.errmsg } : {}),
							}
						: { id: relayed.id, ok: false, kind: 'network', message: error.message },
				),
		);
	}
}
