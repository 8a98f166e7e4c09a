/**
 * The long connections this n8n process holds, one per bot: WeCom keeps one connection per bot and a second one
 * would displace the first, so a second trigger for a bot already connected here is refused by name, and the reply
 * node finds the connection its message came through by the bot's ID. Pure module.
 */
import { registerProcessState } from '../../testSeam';
import type { AiBotConnection } from './connection';

interface Held {
	connection: AiBotConnection;
	/** Who opened it (workflow and node), to name them when a second trigger asks. */
	owner: string;
}

const held = new Map<string, Held>();
registerProcessState(() => {
	for (const { connection } of held.values()) void connection.close();
	held.clear();
});

/** Who holds the bot's connection in this process, if anyone. */
export function holderOf(botId: string): string | undefined {
	return held.get(botId)?.owner;
}

/** Records the connection as the bot's; false when another owner holds one (the caller reports it). */
export function holdConnection(connection: AiBotConnection, owner: string): boolean {
	const existing = held.get(connection.botId);
	if (existing && existing.connection !== connection) return false;
	held.set(connection.botId, { connection, owner });
	return true;
}

export function connectionOf(botId: string): AiBotConnection | undefined {
	return held.get(botId)?.connection;
}

export function releaseConnection(connection: AiBotConnection): void {
	if (held.get(connection.botId)?.connection === connection) held.delete(connection.botId);
}
