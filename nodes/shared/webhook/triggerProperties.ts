/** The fields both triggers share: what starts the workflow, how WeChat gets its answer, and safety options. */
import type { IHookFunctions, INodeProperties, INodePropertyOptions, IWebhookDescription } from 'n8n-workflow';
import type { Platform } from '../callback/platform';
import { DEFAULT_GUARD_MS, MAX_GUARD_MS, MIN_GUARD_MS } from './context';
import { warnEngineRiskOnce } from './engineRisk';

/**
 * OA only (WeCom is always encrypted). Plaintext mode signs the query alone, so with an EncodingAESKey in the
 * credential (the account is in safe or compatible mode) a plaintext request is a forgery or a downgrade.
 */
const ACCEPT_PLAINTEXT: INodeProperties = {
	displayName: 'Accept Plaintext Messages (Insecure)',
	name: 'acceptPlaintext',
	type: 'boolean',
	default: false,
	description:
		'Whether to accept plaintext-mode messages (明文模式) although the credential has an EncodingAESKey. Their signature covers neither the sender nor the content: anyone who has seen one callback URL (e.g. in a proxy log) can post any message with it. Without an EncodingAESKey plaintext is the only mode and is always accepted.',
};

/** Replay protection every callback trigger offers. */
export const timestampWindowOption: INodeProperties = {
	displayName: 'Timestamp Window (Seconds)',
	name: 'timestampWindowSeconds',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 300,
	description:
		'Refuse requests whose timestamp is further from now than this (replays); only 0 turns the check off, and an empty value means 300',
};

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
	platform: Platform,
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
				...(platform === 'oa' ? [ACCEPT_PLAINTEXT] : []),
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
					typeOptions: { minValue: MIN_GUARD_MS, maxValue: MAX_GUARD_MS },
					default: DEFAULT_GUARD_MS,
					description:
						'With a passive reply: answer "success" this long after WeChat sent the message (its timestamp) if no reply went out. WeChat gives up at 5,000 ms and retries; 4,500 is the most that is always in time.',
				},
				timestampWindowOption,
			],
		},
	];
}

/**
 * WeChat's callback URL is pasted by hand into the admin console: there is nothing to register or remove,
 * so the lifecycle n8n asks of webhook nodes is a formality, and the moment to say (once per process) when n8n's
 * expression engine settings put callbacks at risk.
 */
export const manualWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			warnEngineRiskOnce(this.logger);
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
