/**
 * The test button of the AI-bot credential. In callback mode WeCom offers no endpoint that checks a Token or an
 * EncodingAESKey (they are only ever used on requests WeCom sends us), so the honest check is local: the fields
 * are there and the key has the shape WeCom generates. n8n runs it through the nodes' `testedBy`.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { decodeAesKey } from '../crypto/cipher';
import { WeChatCryptoError } from '../crypto/errors';

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
		return checkAiBotCredential((credential.data ?? {}) as Record<string, unknown>);
	},
};
