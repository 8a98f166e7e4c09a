/**
 * How a reply frame reaches the bot's long connection. In regular mode the run and the connection share one
 * process: the frame goes straight to it. In n8n's queue mode the trigger (and so the connection) lives in the
 * main process while runs execute on workers: the frame is relayed through n8n's Redis to the process that holds
 * the connection, which sends it and relays WeCom's ack back (redisRelay.ts). Chosen once per process, like the
 * SharedState (chosenRelay.ts).
 */
import { ServiceError } from '../../execution/errors';
import type { JsonObject } from '../json';
import type { AiBotConnection } from './connection';
import type { ReplyCmd } from './frames';
import { connectionOf } from './registry';

export interface SocketRelay {
	readonly kind: 'process' | 'redis';
	/** Sends the frame over the bot's connection, wherever it is held; resolves on WeCom's ack, rejects with its refusal. */
	request(botId: string, cmd: ReplyCmd, reqId: string, body: JsonObject): Promise<void>;
	/** This process holds the bot's connection: send the frames other processes relay for it. */
	serve(connection: AiBotConnection): Promise<void>;
	/** The connection closes: stop taking frames for it. */
	unserve(connection: AiBotConnection): Promise<void>;
	close(): Promise<void>;
}

/** No process holds the bot's connection: in regular mode this one does not; in queue mode none subscribed. */
export function notHeld(botId: string, where: 'process' | 'queue'): ServiceError {
	return where === 'process'
		? new ServiceError(
				`Bot ${botId}'s long connection is not open in this n8n`,
				'Reply in the execution the long-connection trigger started, while its workflow is active.',
			)
		: new ServiceError(
				`No n8n process holds bot ${botId}'s long connection now, so the reply could not be sent`,
				"Activate the workflow with the WeCom AI Bot Long Connection Trigger (its main process holds the connection and sends the workers' replies), and reply while it stays active; check the main process's log for why the connection closed.",
			);
}

/** Regular mode: the connection is in this process, or nowhere. */
export class DirectRelay implements SocketRelay {
	readonly kind = 'process';

	async request(botId: string, cmd: ReplyCmd, reqId: string, body: JsonObject): Promise<void> {
		const connection = connectionOf(botId);
		if (!connection) throw notHeld(botId, 'process');
		await connection.request(cmd, reqId, body);
	}

	async serve(): Promise<void> {}

	async unserve(): Promise<void> {}

	async close(): Promise<void> {}
}
