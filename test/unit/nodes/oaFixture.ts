/**
 * A running emulator with one Official Account, and a shortcut to run our OA nodes against it inside n8n's
 * engine. Retries and timeouts are shortened so fault tests stay fast; production values are untouched.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { type Emulator, type LogEntry, type OaAccountConfig } from '../../emulator';
import { useEmulator } from './useEmulator';
import { runNode, type RunNodeResult } from '../../helpers/harness';

export const FOLLOWERS = ['o_follower_1', 'o_follower_2', 'o_follower_3', 'o_follower_4', 'o_follower_5'];
export const ORDER_TEMPLATE = 'tmpl_order_shipped';

export const OA: OaAccountConfig = {
	appId: 'wx_node_test_oa',
	appSecret: 'node-test-oa-secret-0123',
	ghId: 'gh_node_test',
	followers: FOLLOWERS,
	tags: [{ id: 100, name: '星标用户', openids: FOLLOWERS.slice(0, 3) }],
	templates: [
		{
			templateId: ORDER_TEMPLATE,
			title: '订单发货通知',
			content: '商品名称：{{thing1.DATA}}\n发货时间：{{time2.DATA}}\n快递单号：{{character_string3.DATA}}',
		},
		{ templateId: 'tmpl_legacy', title: '旧模板', content: '{{first.DATA}}\n金额：{{keyword1.DATA}}\n{{remark.DATA}}' },
	],
	subscribeTemplates: [
		{ templateId: 'sub_tmpl_1', title: '预约提醒', content: '预约项目：{{thing1.DATA}}\n预约时间：{{time2.DATA}}' },
	],
	subscriptions: [{ openid: 'o_follower_1', templateId: 'sub_tmpl_1' }],
	industry: { primary: 1, secondary: 2 },
	wxnames: { wx_tester: 'o_follower_2' },
};

export interface OaRunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
}

export interface OaFixture {
	emulator: Emulator;
	credentials(overrides?: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
	run(node: INodeType, parameters: INodeParameters, options?: OaRunOptions): Promise<RunNodeResult>;
	bodies(path: string): unknown[];
	entries(path: string): LogEntry[];
	account(): { stableTokenCalls: number; forceRefreshCalls: number; tokenCalls: number };
}

export function useOaFixture(): OaFixture {
	const emu = useEmulator({ oaAccounts: [OA] });
	const credentials = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		appId: OA.appId,
		appSecret: OA.appSecret,
		token: '',
		encodingAesKey: '',
		baseUrl: emu().url,
		proxyUrl: '',
		// Pictures of QR codes come from another host (mp.weixin.qq.com): the emulator serves it too.
		qrImageBaseUrl: emu().url,
		...overrides,
	});
	return {
		get emulator() {
			return emu();
		},
		credentials,
		run: (node, parameters, options = {}) =>
			runNode({
				node,
				parameters,
				credentials: { weChatOaApi: options.credentials ?? credentials() },
				items: options.items,
				continueOnFail: options.continueOnFail,
				staticData: options.staticData,
			}),
		bodies: (path) =>
			emu()
				.log.entries({ path })
				.map((entry) => entry.json),
		entries: (path) => emu().log.entries({ path }),
		account: () => {
			const account = emu().state.oa.accounts.find((entry) => entry.appId === OA.appId);
			if (!account) throw new Error('no account');
			return account;
		},
	};
}
