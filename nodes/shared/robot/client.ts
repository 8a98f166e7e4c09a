/** Calls a group robot's webhook: no access token, the key is the credential; pacing per robot. */
import { checkJson, exchange, type ApiCall, type JsonObject } from '../transport/client';
import { WeChatApiError } from '../transport/errors';
import { withRetry } from '../transport/retry';
import { blockUntil, takeSlot } from '../transport/pacer';
import { timings } from '../testSeam';
import type { RobotConnection } from './connection';

export type RateLimitMode = 'wait' | 'fail';

/** Refused sends (45009) are not delivered, so retrying them never duplicates; bounded all the same. */
const MAX_RATE_LIMIT_RETRIES = 3;

async function call(connection: RobotConnection, request: ApiCall): Promise<JsonObject> {
	return await withRetry(
		async () =>
			checkJson(
				'robot',
				request.path,
				await exchange(connection, { ...request, query: { key: connection.key, ...request.query } }),
			),
		{ kind: request.kind, deduplicated: request.deduplicated ?? false },
	);
}

export async function robotSend(
	connection: RobotConnection,
	body: JsonObject,
	mode: RateLimitMode,
): Promise<JsonObject> {
	const request: ApiCall = { method: 'POST', path: '/cgi-bin/webhook/send', json: body, kind: 'write' };
	const key = `robot|${connection.robotId}`;
	for (let attempt = 0; ; attempt++) {
		const slot =
			mode === 'wait' ? await takeSlot(key, { max: timings.robotMax, windowMs: timings.robotWindowMs }) : undefined;
		try {
			return await call(connection, request);
		} catch (error) {
			const limited = error instanceof WeChatApiError && error.errcode === 45009;
			if (!limited || mode === 'fail' || attempt >= MAX_RATE_LIMIT_RETRIES) throw error;
			// Another sender uses the robot: as far as we know its window is full from now on.
			blockUntil(key, Date.now() + timings.robotWindowMs);
		} finally {
			slot?.release();
		}
	}
}

/** upload_media: file or voice, usable only by this robot, valid 3 days. */
export async function robotUpload(
	connection: RobotConnection,
	type: 'file' | 'voice',
	file: { data: Buffer; fileName: string; mimeType: string },
): Promise<JsonObject> {
	return await call(connection, {
		method: 'POST',
		path: '/cgi-bin/webhook/upload_media',
		query: { type },
		multipart: { field: 'media', fileName: file.fileName, contentType: file.mimeType, data: file.data },
		kind: 'write',
		// A repeated upload only leaves an unused media_id behind.
		deduplicated: true,
	});
}
