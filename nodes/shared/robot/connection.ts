/** The weComRobotApi credential: a webhook key (a secret) plus where to reach WeCom. */
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import { trimBaseUrl, type Connection } from '../transport/client';
import { WECOM_DEFAULT_BASE_URL } from '../transport/wecom';

export interface RobotConnection extends Connection {
	key: string;
	/** A hash of the key, for pacing and logs: the key itself is never shown. */
	robotId: string;
}

/** Users paste either the key or the whole webhook URL from the group's robot settings; take both. */
export function webhookKey(value: unknown): string {
	const text = String(value ?? '').trim();
	const fromUrl = /[?&]key=([^&\s]+)/.exec(text);
	return fromUrl ? decodeURIComponent(fromUrl[1]) : text;
}

export async function robotConnection(exec: IExecuteFunctions): Promise<RobotConnection> {
	const credentials = (await exec.getCredentials('weComRobotApi')) as IDataObject;
	const key = webhookKey(credentials.webhookKey);
	if (!key) {
		throw new FieldError(
			'Webhook Key (credential)',
			'is empty',
			"Copy the key from the group's robot (群机器人 → 查看资料 → Webhook地址, the part after key=).",
		);
	}
	return {
		key,
		robotId: createHash('sha256').update(`robot\0${key}`).digest('hex').slice(0, 16),
		baseUrl: trimBaseUrl(String(credentials.baseUrl || WECOM_DEFAULT_BASE_URL)),
		proxyUrl: String(credentials.proxyUrl ?? '') || undefined,
	};
}
