/**
 * The test button of the AI-bot credential, run by n8n through the nodes' `testedBy`. With a Bot Secret (long
 * connection) it is a real check: open the WebSocket, subscribe, close, and WeCom's errcode when it refuses. A bot
 * this n8n process is connected with already is not connected twice (a second connection would throw the first
 * out). Without a Secret (callback mode) WeCom offers no endpoint that checks a Token or an EncodingAESKey (they
 * are only ever used on requests WeCom sends us), so the honest check is local: the fields are there and the key
 * has the shape WeCom generates.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { decodeAesKey } from '../crypto/cipher';
import { WeChatCryptoError } from '../crypto/errors';
import { AiBotConnection, AiBotSocketError } from './socket/connection';
import { holderOf } from './socket/registry';
import { socketSettings } from './socketTrigger';

const QUIET = { info: () => undefined, warn: () => undefined };

/** Subscribes once with the credential's Bot ID and Secret, then closes. */
export async function checkAiBotSocket(data: Record<string, unknown>): Promise<INodeCredentialTestResult> {
	const settings = socketSettings(data);
	if (!settings.botId)
		return { status: 'Error', message: "Bot ID is empty: copy it from the bot's page (智能机器人 → your bot)." };
	const holder = holderOf(settings.botId);
	if (holder) return { status: 'OK', message: `This n8n is connected with the bot already (${holder}).` };
	const connection = new AiBotConnection({ ...settings, log: QUIET });
	try {
		await connection.start();
	} catch (error) {
		if (!(error instanceof AiBotSocketError)) throw error;
		const fix =
			error.kind === 'auth'
				? 'Copy the Bot ID and the Secret again from 智能机器人 → your bot → API模式 → 长连接.'
				: 'Check the WebSocket URL and the Proxy URL, and that this n8n can reach WeCom.';
		return { status: 'Error', message: `${error.message}. ${fix}` };
	}
	await connection.close();
	return {
		status: 'OK',
		message: 'WeCom accepted the Bot ID and Secret: the long connection subscribed (and was closed again).',
	};
}

export function checkAiBotCredential(data: Record<string, unknown>): INodeCredentialTestResult {
	const field = (name: string) => String(data[name] ?? '').trim();
	if (!field('botId'))
		return { status: 'Error', message: "Bot ID is empty: copy it from the bot's API mode page (API模式)." };
	if (!field('token')) return { status: 'Error', message: 'Callback Token is empty: copy it from API模式 → 接收消息.' };
	try {
		decodeAesKey(field('encodingAesKey'));
	} catch (error) {
		if (!(error instanceof WeChatCryptoError)) throw error;
		return {
			status: 'Error',
			message: `Callback EncodingAESKey is not valid: ${error.message}. Copy it again from API模式 → 接收消息 (随机获取).`,
		};
	}
	return {
		status: 'OK',
		message:
			'Bot ID, Token and EncodingAESKey have the right shape. WeCom checks them for real when you save the callback URL.',
	};
}

/** The nodes' `methods.credentialTest`; their `testedBy` names this method. */
export const aiBotCredentialTest = {
	async weComAiBotApiTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = (credential.data ?? {}) as Record<string, unknown>;
		return String(data.secret ?? '').trim() ? await checkAiBotSocket(data) : checkAiBotCredential(data);
	},
};
