/**
 * WeChat OA callbacks as the benchmarks send them: the trigger workflow that answers "success" at once, text
 * messages from the demo followers, and a burst of safe-mode pushes (signed and encrypted by the emulator's pusher,
 * one try each with WeChat's 5 s timeout, each answer judged the way WeChat judges it).
 */
import { pushCallback, type PushRecord } from '../../test/emulator/callback';
import { cb, h, type Workflow } from './n8nHost';

const FOLLOWERS = [
	'o_demo_follower_1',
	'o_demo_follower_2',
	'o_demo_follower_3',
	'o_demo_follower_4',
	'o_demo_follower_5',
];

/** A WeChat OA Trigger answering "success" at once, and nothing else. */
export function oaSuccessWorkflow(): Workflow {
	return {
		id: 'bench-oa-success',
		name: 'bench: WeChat OA Trigger answering success',
		nodes: [
			{
				id: 'b7a3c1d0-0000-4000-8000-000000000001',
				name: 'WeChat OA Trigger',
				type: 'n8n-nodes-wecom-oa.weChatOaTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'b7a3c1d0-0000-4000-8000-0000000000a1',
				parameters: { triggerOn: ['*'], reply: 'immediately', options: {} },
				credentials: { weChatOaApi: { id: 'wechat-oa-demo', name: 'WeChat OA (emulator demo)' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	} as Workflow;
}

export type Message = Record<string, string | number>;

export function textMessage(index: number, content: string): Message {
	return {
		ToUserName: cb.OA_GH,
		FromUserName: FOLLOWERS[index % FOLLOWERS.length],
		CreateTime: Math.floor(Date.now() / 1000),
		MsgType: 'text',
		Content: content,
		MsgId: cb.msgId(),
	};
}

/** `messages` pushed at once in safe mode to `url`; each push encrypts and signs before its first await. */
export async function pushBurst(url: string, messages: Message[]): Promise<{ records: PushRecord[]; wallMs: number }> {
	const started = performance.now();
	const records = await Promise.all(
		messages.map((message) =>
			pushCallback({
				platform: 'oa',
				mode: 'safe',
				url,
				token: cb.OA_SECRETS.token,
				encodingAesKey: cb.OA_SECRETS.encodingAesKey,
				receiveId: h.DEMO_OA.appId,
				message,
				tries: 1,
				timeoutMs: 5000,
			}),
		),
	);
	return { records, wallMs: performance.now() - started };
}
