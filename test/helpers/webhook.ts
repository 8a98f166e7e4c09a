/**
 * A stand-in for the webhook context n8n gives a trigger's webhook(): n8n's engine has no public way to run a
 * webhook without a server, so this provides exactly what our triggers read (query, raw body, credentials,
 * parameters, the webhook's name, workflow and node ids, a logger) and a response object that records what
 * was written. The real path is covered by the e2e suite in a real n8n.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

export interface RecordedResponse {
	status?: number;
	headers: Record<string, string>;
	body?: string;
	/** Writes attempted after the answer (n8n's own, which must be silenced). */
	lateWrites: number;
	/** When the status was written (ms since the epoch). */
	answeredAt?: number;
	readonly headersSent: boolean;
}

export interface WebhookCall {
	node: INodeType;
	webhookName: 'setup' | 'default';
	query: Record<string, string>;
	rawBody?: Buffer | string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters?: IDataObject;
	workflowId?: string;
	nodeId?: string;
	/** The id of the node's credential (of every type given), as n8n's node has it; none by default. */
	credentialId?: string;
	/** The workflow's static data by type ('node', 'global'); kept by the caller across calls, as n8n saves it. */
	staticData?: Record<string, IDataObject>;
}

export interface WebhookResult {
	result: IWebhookResponseData;
	response: RecordedResponse & { raw: unknown };
	warnings: string[];
	/** How often webhook() read a credential. */
	credentialReads: number;
}

function recorder(): RecordedResponse & { raw: unknown } {
	const state: RecordedResponse & { raw: unknown } = {
		headers: {},
		lateWrites: 0,
		get headersSent() {
			return state.status !== undefined;
		},
		raw: undefined,
	};
	const res = {
		get headersSent() {
			return state.status !== undefined;
		},
		get writableEnded() {
			return state.body !== undefined;
		},
		writeHead(status: number, headers: Record<string, string>) {
			if (state.status !== undefined) state.lateWrites++;
			state.status = status;
			state.answeredAt = Date.now();
			Object.assign(state.headers, headers);
			return res;
		},
		end(body?: string) {
			if (state.body !== undefined) state.lateWrites++;
			state.body = body ?? '';
			return res;
		},
	};
	state.raw = res;
	return state;
}

/** As n8n's does for small files: the bytes in base64, with the name and type given. */
export async function prepareBinaryData(data: Buffer, fileName?: string, mimeType?: string) {
	return {
		data: data.toString('base64'),
		fileName,
		mimeType: mimeType ?? 'application/octet-stream',
		fileSize: String(data.length),
	};
}

export async function callWebhook(call: WebhookCall): Promise<WebhookResult> {
	const response = recorder();
	const warnings: string[] = [];
	let credentialReads = 0;
	const parameters: IDataObject = { triggerOn: ['*'], reply: 'immediately', options: {}, ...call.parameters };
	const context = {
		getWebhookName: () => call.webhookName,
		getRequestObject: () => ({
			query: call.query,
			rawBody: call.rawBody === undefined ? undefined : Buffer.from(call.rawBody),
		}),
		getResponseObject: () => response.raw,
		getCredentials: async (type: string) => {
			credentialReads++;
			const found = call.credentials[type];
			if (!found) throw new Error(`no credential ${type}`);
			return found;
		},
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getWorkflow: () => ({ id: call.workflowId ?? 'wf-test', active: true }),
		getWorkflowStaticData: (type: string) => {
			const bags = call.staticData ?? {};
			bags[type] ??= {};
			return bags[type];
		},
		helpers: { prepareBinaryData },
		getNode: () => ({
			id: call.nodeId ?? 'node-test',
			name: 'Trigger',
			credentials: call.credentialId
				? Object.fromEntries(Object.keys(call.credentials).map((type) => [type, { id: call.credentialId, name: type }]))
				: undefined,
		}),
		logger: {
			warn: (message: string) => warnings.push(message),
			info: () => undefined,
			debug: () => undefined,
			error: (message: string) => warnings.push(message),
		},
	} as unknown as IWebhookFunctions;
	if (!call.node.webhook) throw new Error('not a webhook node');
	const result = await call.node.webhook.call(context);
	return { result, response, warnings, credentialReads };
}
