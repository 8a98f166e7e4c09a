/** Reads the weComApi credential for a node run and builds its client: one place checks the fields. */
import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';
import { weComClient } from '../transport/wecom';
import type { TokenClient } from '../transport/client';
import type { StaticDataBag } from '../transport/token';
import { FieldError } from '../execution/errors';
import type { ReplySecrets } from '../webhook/passiveReply';

export interface WeComConnection {
	client: TokenClient;
	/** The credential's Agent ID (a node option may override it per item). */
	agentId?: number;
	/** Callback Token, EncodingAESKey and CorpID, for encrypting passive replies; never output. */
	secrets: ReplySecrets;
}

/** Agent IDs are numbers in WeCom's console (e.g. 1000002); a string of digits is fine too. */
export function parseAgentId(value: unknown, field: string): number {
	const text = String(value ?? '').trim();
	if (!/^\d{1,10}$/.test(text)) {
		throw new FieldError(
			field,
			`"${text}" is not a number`,
			'Use the numeric AgentId from 应用管理 → your app (e.g. 1000002).',
		);
	}
	return Number(text);
}

/** The credential's fields, checked; the WeCom Send/Group Chat/Contacts pickers use it too (no static data there). */
function checkedCredentials(credentials: IDataObject): { corpId: string; corpSecret: string } {
	const corpId = String(credentials.corpId ?? '').trim();
	const corpSecret = String(credentials.corpSecret ?? '').trim();
	if (!corpId)
		throw new FieldError('Corp ID (credential)', 'is empty', 'Fill in the Corp ID from 我的企业 → 企业信息 → 企业ID.');
	if (!corpSecret)
		throw new FieldError(
			'Corp Secret (credential)',
			'is empty',
			"Fill in the app's Secret from 应用管理 → your app → Secret.",
		);
	return { corpId, corpSecret };
}

/** A client for the weComApi credential; without static data the token is cached in memory only. */
export function weComClientFromCredentials(credentials: IDataObject, staticData?: StaticDataBag): TokenClient {
	const { corpId, corpSecret } = checkedCredentials(credentials);
	return weComClient(
		{ corpId, corpSecret, baseUrl: String(credentials.baseUrl ?? ''), proxyUrl: String(credentials.proxyUrl ?? '') },
		staticData,
	);
}

export async function weComConnection(exec: IExecuteFunctions): Promise<WeComConnection> {
	const credentials = (await exec.getCredentials('weComApi')) as IDataObject;
	const { corpId } = checkedCredentials(credentials);
	const rawAgent = credentials.agentId;
	const agentId =
		rawAgent === undefined || rawAgent === '' ? undefined : parseAgentId(rawAgent, 'Agent ID (credential)');
	const client = weComClientFromCredentials(credentials, exec.getWorkflowStaticData('global'));
	const secrets = {
		token: String(credentials.token ?? '').trim(),
		encodingAesKey: String(credentials.encodingAesKey ?? '').trim(),
		receiveId: corpId,
	};
	return { client, agentId, secrets };
}
