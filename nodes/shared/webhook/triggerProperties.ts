/** The fields both triggers share: what starts the workflow, how WeChat gets its answer, and safety options. */
import type { INodeProperties, INodePropertyOptions, IWebhookDescription } from 'n8n-workflow';
import { DEFAULT_GUARD_MS } from './context';

export function callbackWebhooks(): IWebhookDescription[] {
	return [
		{ name: 'setup', httpMethod: 'GET', path: 'callback', responseMode: 'onReceived' },
		{
			name: 'default',
			httpMethod: 'POST',
			path: 'callback',
			// A passive reply is the HTTP answer, sent by a reply node later in the run.
			responseMode: '={{ $parameter["reply"] === "replyNode" ? "responseNode" : "onReceived" }}',
		},
	];
}

export function callbackTriggerProperties(
	triggerOn: INodePropertyOptions[],
	replyNodeName: string,
	consoleHint: string,
): INodeProperties[] {
	return [
		{
			displayName: `Paste this node's Production URL into ${consoleHint}, with the Token and EncodingAESKey of the credential. Activate the workflow first: WeChat checks the URL when you save it.`,
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Trigger On',
			name: 'triggerOn',
			type: 'multiOptions',
			options: triggerOn,
			default: ['*'],
			description: 'Messages and events that start the workflow; others are answered "success" and dropped',
		},
		{
			displayName: 'Reply',
			name: 'reply',
			type: 'options',
			options: [
				{
					name: 'Answer Success Immediately',
					value: 'immediately',
					description: 'WeChat gets "success" at once; the workflow runs on its own',
				},
				{
					name: `Passive Reply From a ${replyNodeName} Node`,
					value: 'replyNode',
					description: `A ${replyNodeName} node later in the workflow answers; if it has not within the guard time, "success" goes out and the reply is sent asynchronously`,
				},
			],
			default: 'immediately',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Encrypted Messages Only',
					name: 'encryptedOnly',
					type: 'boolean',
					default: false,
					description:
						'Whether to refuse plaintext-mode messages (明文模式) so that only safe or compatible mode gets through',
				},
				{
					displayName: 'Include Raw XML',
					name: 'includeRawXml',
					type: 'boolean',
					default: false,
					description: 'Whether to add the message XML (decrypted) as rawXml',
				},
				{
					displayName: 'Reply Guard (Ms)',
					name: 'replyGuardMs',
					type: 'number',
					typeOptions: { minValue: 500, maxValue: 4800 },
					default: DEFAULT_GUARD_MS,
					description:
						'With a passive reply: answer "success" this long after receipt if no reply was sent (WeChat gives up at 5,000 ms and retries)',
				},
				{
					displayName: 'Timestamp Window (Seconds)',
					name: 'timestampWindowSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 300,
					description: 'Refuse requests whose timestamp is further from now than this (replays); 0 turns the check off',
				},
			],
		},
	];
}

/**
 * WeChat's callback URL is pasted by hand into the admin console: there is nothing to register or remove,
 * so the lifecycle n8n asks of webhook nodes is a formality.
 */
export const manualWebhookMethods = {
	default: {
		async checkExists(): Promise<boolean> {
			return true;
		},
		async create(): Promise<boolean> {
			return true;
		},
		async delete(): Promise<boolean> {
			return true;
		},
	},
};
