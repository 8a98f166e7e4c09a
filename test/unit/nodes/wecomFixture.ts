/**
 * A running emulator with one WeCom app, and a shortcut to run WeCom Send against it inside n8n's engine.
 * Retries and timeouts are shortened so fault tests stay fast; production values are untouched.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { type Emulator, type LogEntry } from '../../emulator';
import { useEmulator } from './useEmulator';
import { runNode, type RunNodeResult } from '../../helpers/harness';
import { WeComSend } from '../../../nodes/WeComSend/WeComSend.node';

export const APP = { corpId: 'ww_test_corp', corpSecret: 'test-corp-secret-0123456789', agentId: 1000002 };
export const OTHER_APP = { corpId: 'ww_other_corp', corpSecret: 'other-corp-secret-987654', agentId: 1000005 };
/** A second app of the same corp: chats created by APP are not its to use. */
export const SIBLING_APP = { corpId: APP.corpId, corpSecret: 'sibling-app-secret-0000', agentId: 1000003 };
export const ROBOT_KEY = 'robot-key-0123456789abcdef';
export const OTHER_ROBOT_KEY = 'robot-key-other-9876543210';

export interface WeComFixture {
	emulator: Emulator;
	credentials(overrides?: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
	send(parameters: INodeParameters, options?: SendOptions): Promise<RunNodeResult>;
	/** Any of our WeCom nodes; credentials default to the app's weComApi and the robot's weComRobotApi. */
	run(
		node: INodeType,
		parameters: INodeParameters,
		options?: SendOptions & { credentialType?: string },
	): Promise<RunNodeResult>;
	robotCredentials(overrides?: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
	/** message/send bodies that reached the emulator, in order. */
	sent(): unknown[];
	entries(path: string): LogEntry[];
	gettokenCalls(corpId?: string): number;
}

export interface SendOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
}

export function useWeComFixture(): WeComFixture {
	const emu = useEmulator({
		wecomApps: [
			{ ...APP, users: ['zhangsan', 'lisi', 'wangwu'], parties: [1, 2], tags: [1], unlicensedUsers: ['zhaoliu'] },
			{ ...OTHER_APP, users: ['zhangsan'] },
			{ ...SIBLING_APP, users: ['zhangsan', 'lisi', 'wangwu'] },
		],
		robots: [{ key: ROBOT_KEY }, { key: OTHER_ROBOT_KEY }],
	});
	const credentials = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		corpId: APP.corpId,
		corpSecret: APP.corpSecret,
		agentId: String(APP.agentId),
		baseUrl: emu().url,
		proxyUrl: '',
		token: '',
		encodingAesKey: '',
		...overrides,
	});
	const robotCredentials = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		webhookKey: ROBOT_KEY,
		baseUrl: emu().url,
		proxyUrl: '',
		...overrides,
	});
	const run: WeComFixture['run'] = (node, parameters, options = {}) =>
		runNode({
			node,
			parameters,
			credentials: {
				[options.credentialType ?? 'weComApi']:
					options.credentials ?? (options.credentialType === 'weComRobotApi' ? robotCredentials() : credentials()),
			},
			items: options.items,
			continueOnFail: options.continueOnFail,
			staticData: options.staticData,
		});
	return {
		get emulator() {
			return emu();
		},
		credentials,
		robotCredentials,
		run,
		send: (parameters, options = {}) => run(new WeComSend(), parameters, options),
		sent: () =>
			emu()
				.log.entries({ path: '/cgi-bin/message/send' })
				.map((entry) => entry.json),
		entries: (path) => emu().log.entries({ path }),
		gettokenCalls: (corpId = APP.corpId) =>
			emu()
				.state.wecom.apps.filter((app) => app.corpId === corpId)
				.reduce((sum, app) => sum + app.gettokenCalls, 0),
	};
}

/** n items with an index field, for per-item expressions. */
export function items(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({ json: { index } }));
}

/** A tiny valid PNG-looking file (magic bytes + padding). */
export function pngBytes(size = 128): Buffer {
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		Buffer.alloc(Math.max(0, size - 8), 7),
	]);
}
