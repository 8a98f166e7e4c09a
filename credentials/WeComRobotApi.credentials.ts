import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { connectionProperties } from '../nodes/shared/descriptions/credentialFields';

/** One WeCom group robot (群机器人): its webhook key is the whole credential, so it is kept as a secret. */
export class WeComRobotApi implements ICredentialType {
	name = 'weComRobotApi';

	displayName = 'WeCom Group Robot (群机器人) API';

	icon: Icon = { light: 'file:../icons/wecom.svg', dark: 'file:../icons/wecom.dark.svg' };

	documentationUrl = 'https://developer.work.weixin.qq.com/document/path/91770';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Key',
			name: 'webhookKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The key from the robot's webhook URL (群机器人 → 查看资料 → Webhook地址, after key=); pasting the whole URL works too",
		},
		...connectionProperties(
			'https://qyapi.weixin.qq.com',
			'Change only to go through a relay (e.g. one with a fixed outbound IP); for a proxy, use Proxy URL below',
			'An HTTP(S) proxy every robot call goes through; empty for a direct connection',
		),
	];

	authenticate: IAuthenticateGeneric = { type: 'generic', properties: {} };

	/**
	 * The webhook has no "check key" call, and a test must not post into the group. An empty upload_media
	 * call is refused for its missing file when the key is right, and with 93000 when it is wrong.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://qyapi.weixin.qq.com" }}',
			url: '/cgi-bin/webhook/upload_media',
			method: 'POST',
			qs: {
				key: '={{ ($credentials.webhookKey.match(/[?&]key=([^&\\s]+)/) || [null, $credentials.webhookKey])[1].trim() }}',
				type: 'file',
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 93000,
					message: "Wrong webhook key (errcode 93000): copy it again from the group robot's Webhook地址.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 93004,
					message: 'This robot was removed from its group (errcode 93004): add it again and use its new key.',
				},
			},
		],
	};
}
