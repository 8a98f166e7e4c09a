/**
 * What a callback does before WeChat has its answer. In n8n's default expression engine every credential read in a
 * webhook builds an expression isolate of its own (see callbackSecrets.ts), so the trigger keeps the check's
 * secrets per credential and reads the credential again only when they refuse a request or have aged; and in
 * immediate mode "success" goes out before the retry store (a Redis round trip in queue mode) is asked.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { resetProcessState, restoreTimings, timings } from '../../../../nodes/shared/testSeam';
import { callWebhook } from '../../../helpers/webhook';
import { useQueueMode } from '../../../helpers/queueMode';
import { OA_CREDENTIALS, OA_PLAIN_CREDENTIALS, oaPlain, oaSafe, xml, type Request } from './callbacks';

beforeEach(() => resetProcessState());
afterEach(() => restoreTimings());

let msgId = 8200000000000000000n;
const text = () =>
	xml({
		ToUserName: 'gh_test',
		FromUserName: 'o_user',
		CreateTime: 1700000000,
		MsgType: 'text',
		Content: 'hi',
		MsgId: String(msgId++),
	});

const deliver = (
	request: Request,
	credential: ICredentialDataDecryptedObject,
	options: { credentialId?: string; parameters?: IDataObject; workflowId?: string } = {},
) =>
	callWebhook({
		node: new WeChatOaTrigger(),
		webhookName: 'default',
		...request,
		credentials: { weChatOaApi: credential },
		credentialId: 'oa-credential-1',
		...options,
	});

test('a burst reads the credential once: later callbacks are checked with the secrets kept from the first', async () => {
	const results = [];
	for (let n = 0; n < 5; n++) results.push(await deliver(oaSafe(text()), OA_CREDENTIALS));
	expect(results.map((result) => [result.response.status, result.response.body])).toEqual(
		Array(5).fill([200, 'success']),
	);
	expect(results.map((result) => result.result.workflowData?.[0]?.[0]?.json.Content)).toEqual(Array(5).fill('hi'));
	expect(results.map((result) => result.credentialReads)).toEqual([1, 0, 0, 0, 0]);
	// Another trigger with the same credential shares what was kept.
	const other = await deliver(oaSafe(text()), OA_CREDENTIALS, { workflowId: 'wf-other' });
	expect([other.response.body, other.credentialReads]).toEqual(['success', 0]);
});

test('callbacks arriving together before anything is kept share one credential read', async () => {
	const results = await Promise.all(Array.from({ length: 5 }, () => deliver(oaSafe(text()), OA_CREDENTIALS)));
	expect(results.map((result) => result.response.body)).toEqual(Array(5).fill('success'));
	expect(results.reduce((sum, result) => sum + result.credentialReads, 0)).toBe(1);
});

test('a changed Token takes effect with the first callback signed with it; the old one is refused from then on', async () => {
	const before = { ...OA_PLAIN_CREDENTIALS, token: 'token-before' };
	const after = { ...OA_PLAIN_CREDENTIALS, token: 'token-after' };
	expect((await deliver(oaPlain(text(), 'token-before'), before)).response.body).toBe('success');
	// The user saves a new Token in the credential and in WeChat's console.
	const renewed = await deliver(oaPlain(text(), 'token-after'), after);
	expect([renewed.response.status, renewed.response.body, renewed.credentialReads]).toEqual([200, 'success', 1]);
	expect(renewed.result.workflowData?.[0]).toHaveLength(1);
	const stale = await deliver(oaPlain(text(), 'token-before'), after);
	expect([stale.response.status, stale.response.body]).toEqual([401, 'signature mismatch']);
	expect(stale.result.workflowData).toBeUndefined();
});

test('kept secrets age: past callbackSecretsTtlMs the credential is read again before a callback is accepted', async () => {
	timings.callbackSecretsTtlMs = 50;
	const before = { ...OA_PLAIN_CREDENTIALS, token: 'token-before' };
	expect((await deliver(oaPlain(text(), 'token-before'), before)).credentialReads).toBe(1);
	await new Promise((resolve) => setTimeout(resolve, 80));
	// The credential changed meanwhile; a request signed with the old Token is no longer accepted from memory.
	const stale = await deliver(oaPlain(text(), 'token-before'), { ...before, token: 'token-after' });
	expect([stale.response.status, stale.credentialReads]).toEqual([401, 1]);
});

test('without a credential id (nothing to key the memory by) every callback reads the credential', async () => {
	const reads = [];
	for (let n = 0; n < 2; n++)
		reads.push((await deliver(oaSafe(text()), OA_CREDENTIALS, { credentialId: undefined })).credentialReads);
	expect(reads).toEqual([1, 1]);
});

test('URL verification (GET) uses the kept secrets too', async () => {
	await deliver(oaSafe(text()), OA_CREDENTIALS);
	const query = oaPlain('', OA_CREDENTIALS.token).query;
	const verified = await callWebhook({
		node: new WeChatOaTrigger(),
		webhookName: 'setup',
		query: { ...query, echostr: 'echo-4711' },
		credentials: { weChatOaApi: OA_CREDENTIALS },
		credentialId: 'oa-credential-1',
	});
	expect([verified.response.status, verified.response.body, verified.credentialReads]).toEqual([200, 'echo-4711', 0]);
});

describe('queue mode, Redis stalled', () => {
	const queue = useQueueMode();

	test('immediate mode answers "success" before it asks the retry store, and the run still starts once', async () => {
		const started = Date.now();
		// A Lua script that spins for 2 s blocks every other command of the server, as a stalled Redis would.
		const busy = queue()
			.client()
			.eval(
				"local s = tonumber(redis.call('TIME')[1]) while tonumber(redis.call('TIME')[1]) < s + 2 do end return 1",
				0,
			);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const delivered = await deliver(oaSafe(text()), OA_CREDENTIALS, { workflowId: 'wf-stalled' });
		expect([delivered.response.status, delivered.response.body]).toEqual([200, 'success']);
		expect(delivered.response.answeredAt! - started).toBeLessThan(500);
		expect(delivered.result.workflowData?.[0]).toHaveLength(1);
		await busy;
	});
});
