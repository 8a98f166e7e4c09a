/**
 * Runs the emulator as a process: `node -r ts-node/register/transpile-only test/emulator/main.ts`.
 * Listens on 127.0.0.1:$EMULATOR_PORT (default 7780; 0 = any free port) with a demo WeCom app, so a WeCom
 * credential with base URL = the printed URL, corp ID `ww_demo_corp`, secret `demo-corp-secret` and agent
 * ID 1000002 works without a WeCom account; likewise an Official Account credential with app ID `wx_demo_oa` and
 * secret `demo-oa-secret`. Prints one line with the URL; stops on SIGINT/SIGTERM.
 */
import { startEmulator } from './index';

const DEMO_WECOM_APP = {
	corpId: 'ww_demo_corp',
	corpSecret: 'demo-corp-secret',
	agentId: 1000002,
	name: 'Demo App',
	users: ['zhangsan', 'lisi', 'wangwu'],
	parties: [1, 2],
	tags: [1],
};

const DEMO_OA_FOLLOWERS = ['o_demo_follower_1', 'o_demo_follower_2', 'o_demo_follower_3', 'o_demo_follower_4', 'o_demo_follower_5'];

/**
 * An Official Account (service account) with five followers, a tag of the first three, two templates and a
 * subscribe template. Every follower "messaged it just now", so customer-service messages work for 48 hours.
 */
const DEMO_OA = {
	appId: 'wx_demo_oa',
	appSecret: 'demo-oa-secret',
	name: 'Demo OA',
	ghId: 'gh_demo_oa',
	followers: DEMO_OA_FOLLOWERS,
	tags: [{ id: 100, name: '星标用户', openids: DEMO_OA_FOLLOWERS.slice(0, 3) }],
	templates: [
		{
			templateId: 'tmpl_demo_order_shipped',
			title: '订单发货通知',
			content: '商品名称：{{thing1.DATA}}\n发货时间：{{time2.DATA}}\n快递单号：{{character_string3.DATA}}',
			example: '商品名称：运动鞋\n发货时间：2024年1月1日 12:00\n快递单号：SF1234567890',
			primaryIndustry: 'IT科技',
			deputyIndustry: '互联网|电子商务',
		},
		{
			templateId: 'tmpl_demo_task_done',
			title: '任务完成通知',
			content: '任务名称：{{thing1.DATA}}\n完成时间：{{time2.DATA}}\n任务编号：{{character_string3.DATA}}',
			example: '任务名称：周报汇总\n完成时间：2024年1月1日 18:00\n任务编号：TASK-2024-001',
			primaryIndustry: 'IT科技',
			deputyIndustry: '互联网|电子商务',
		},
	],
	subscribeTemplates: [{ templateId: 'sub_demo_booking', title: '预约提醒', content: '预约项目：{{thing1.DATA}}\n预约时间：{{time2.DATA}}' }],
	subscriptions: [{ openid: DEMO_OA_FOLLOWERS[0], templateId: 'sub_demo_booking' }],
	industry: { primary: 1, secondary: 2 },
	wxnames: { demo_wechat_id: DEMO_OA_FOLLOWERS[0] },
	lastInteractionAt: Object.fromEntries(DEMO_OA_FOLLOWERS.map((openid) => [openid, Date.now()])),
};

/** The demo corp's customer service account (客服账号), used by examples/wecom-kf-ai-answer.json's trigger output. */
const DEMO_KF_ACCOUNT = 'wkDemoSupportDesk';

/**
 * The demo corp's directory (通讯录), for WeCom Contacts and the recipient pickers; writes take a second WeCom
 * credential with the contact-sync secret `demo-contact-sync-secret`.
 */
const DEMO_DIRECTORY = {
	corpId: DEMO_WECOM_APP.corpId,
	contactSyncSecret: 'demo-contact-sync-secret',
	departments: [
		{ id: 1, name: '总部', parentid: 0, order: 100 },
		{ id: 2, name: '研发部', parentid: 1, order: 90 },
	],
	members: [
		{ userid: 'zhangsan', name: '张三', department: [1], mobile: '13800000001', position: '经理' },
		{ userid: 'lisi', name: '李四', department: [2], mobile: '13800000002' },
		{ userid: 'wangwu', name: '王五', department: [2], email: 'wangwu@example.com' },
	],
	tags: [{ tagid: 1, tagname: '经理', users: ['zhangsan'] }],
};

/** A group robot: POST {url}/cgi-bin/webhook/send?key=demo-robot-key works without a WeCom group. */
const DEMO_ROBOT = { key: 'demo-robot-key', name: 'Demo Robot' };

/** The demo AI bot's long connection (ws://127.0.0.1:PORT): Bot ID and Secret as test/e2e/host.js's DEMO_AIBOT has them. */
const DEMO_AIBOT = { botId: 'aib_demo_bot', secret: 'demo-aibot-secret' };

async function main(): Promise<void> {
	const port = Number(process.env.EMULATOR_PORT ?? 7780);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMULATOR_PORT must be a port number, got ${process.env.EMULATOR_PORT}`);
	const emulator = await startEmulator({ port, wecomApps: [DEMO_WECOM_APP], robots: [DEMO_ROBOT], oaAccounts: [DEMO_OA], aiBots: [DEMO_AIBOT] });
	emulator.configureWeComDirectory(DEMO_DIRECTORY);
	// WeChat Customer Service (微信客服) of the demo corp: a customer writes through POST /__emulator/wecom/kf/customer_message.
	emulator.wecomKf.addAccount(DEMO_WECOM_APP.corpId, { name: 'Demo Support', open_kfid: DEMO_KF_ACCOUNT, servicers: ['zhangsan', 'lisi'] });
	process.stdout.write(`WeChat API emulator listening on ${emulator.url} (WeCom demo app: corpId ${DEMO_WECOM_APP.corpId}, agentId ${DEMO_WECOM_APP.agentId}; robot key ${DEMO_ROBOT.key}; OA demo appId ${DEMO_OA.appId}; kf account ${DEMO_KF_ACCOUNT}; AI bot ${DEMO_AIBOT.botId} on the long connection)\n`);
	const stop = (): void => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
