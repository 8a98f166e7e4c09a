/**
 * Runs one of our nodes inside n8n-core's real execution engine (`WorkflowExecute`), without an n8n server.
 *
 * Each run builds a two-node workflow, "Items Source" -> node under test, so expressions, `getNodeParameter`,
 * `pairedItem` lineage, `continueOnFail`, workflow static data and the binary-data helpers all go through n8n's
 * own code. n8n's NodeTestHarness is not published (see reference/n8n-host.md §5); this is our small equivalent.
 * With `loop`, the node sits in a Loop Over Items body and the engine runs it once per batch; `retryOnFail` is the
 * node's setting of that name; `runNodeThenRetry` retries a failed execution the way n8n's Retry button does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GlobalConfig, InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	Credentials,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	WorkflowExecute,
} from 'n8n-core';
import {
	BINARY_ENCODING,
	type IConnections,
	type IRun,
	type IRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteResponsePromiseData,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { LOOP_NAME, LOOP_TYPE, loopOverItems } from './loopOverItems';

/** Node types of this package are registered by n8n as `<package name>.<node name>`. */
const PACKAGE_NAME = 'n8n-nodes-wecom-oa';
const SOURCE_NAME = 'Items Source';
const SOURCE_TYPE = 'harness.itemsSource';
const WORKFLOW_ID = 'harness-workflow';
/** n8n's default public URLs; the engine builds `$execution.resumeUrl` from them with `new URL()`, so they must parse. */
const BASE_URL = 'http://localhost:5678';

export interface RunNodeOptions {
	/** An instance of the node class under test, e.g. `new WeComSend()`. */
	node: INodeType;
	/** Parameters as saved in a workflow; expressions such as `'={{ $json.x }}'` are resolved per item. */
	parameters: INodeParameters;
	/** Decrypted credential data by credential type name, e.g. `{ weComApi: { corpId, corpSecret, ... } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Input items; build binary ones with `binaryItem()`. Default: one empty item. */
	items?: INodeExecutionData[];
	/** Sets the node's `onError: 'continueRegularOutput'` (the UI's "On Error: Continue"). */
	continueOnFail?: boolean;
	/**
	 * Workflow static data as stored in the database. The run loads a copy and, like n8n, writes the changes
	 * back into this same object at the end of the run unless `mode` is `'manual'`.
	 */
	staticData?: IDataObject;
	/** Default `'trigger'` (a production execution: static data is saved); `'manual'` is an editor test run. */
	mode?: WorkflowExecuteMode;
	/** Default: the highest version the node's description declares. */
	typeVersion?: number;
	/** Receives what a node passes to `this.sendResponse()` (the webhook answer of a responseNode run). */
	onSendResponse?: (response: IExecuteResponsePromiseData) => void;
	/**
	 * Items Source -> Loop Over Items -> node under test -> back to the loop: the engine runs the node once per
	 * batch of this size, in one execution (see loopOverItems.ts).
	 */
	loop?: { batchSize: number };
	/** The node's "Retry On Fail" setting (1 ms between tries): the engine runs a failed node again, same run. */
	retryOnFail?: { maxTries: number };
}

export interface RunNodeResult {
	/** The node's first output (`main[0]`); in a loop, every run's, in run order. */
	items: INodeExecutionData[];
	/** Each output of the node, every run's items in run order. */
	outputs: INodeExecutionData[][];
	/** The first output (`main[0]`) of each run of the node in this execution. */
	runs: INodeExecutionData[][];
	/**
	 * The exact error the node threw when n8n continued past it anyway (`continueOnFail` and the node threw
	 * instead of emitting error items). A failed run without `continueOnFail` rejects with that error instead.
	 */
	error?: Error;
	/** The `staticData` object passed in (or a new one), after n8n saved the run's changes into it. */
	staticData: IDataObject;
	/** Reads an output item's binary property back as a Buffer, wherever the binary-data service stored it. */
	binary(itemIndex: number, property?: string): Promise<Buffer>;
}

export interface BinaryFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * Builds an input item carrying a file. It is inline (base64) here; the Items Source node stores it through
 * `prepareBinaryData`, so the node under test receives a filesystem-backed reference exactly as in n8n 2.x.
 */
export function binaryItem(json: IDataObject, file: BinaryFile, property = 'data'): INodeExecutionData {
	return {
		json,
		binary: {
			[property]: {
				data: file.data.toString(BINARY_ENCODING),
				fileName: file.fileName,
				mimeType: file.mimeType,
			},
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Process-wide n8n services (DI container), set up once per test file: jest gives every test file its own module
// registry, hence its own copy of n8n-core and of the container.

let storageRoot: string | undefined;
let services: Promise<void> | undefined;

/** Binary files and n8n's settings file live in a temp dir; remove it when the test file is done. */
if (typeof afterAll === 'function') {
	afterAll(removeStorage);
} else {
	process.once('exit', removeStorage);
}

function removeStorage(): void {
	if (storageRoot !== undefined) rmSync(storageRoot, { recursive: true, force: true });
}

function setUpServices(): Promise<void> {
	services ??= (async () => {
		storageRoot = mkdtempSync(join(tmpdir(), `${PACKAGE_NAME}-harness-`));

		// InstanceSettings (needed by every node execution context and by the credential Cipher) reads or creates
		// `<n8nFolder>/config` with an encryption key: point it at the temp dir so ~/.n8n is never touched.
		// Must happen before anything resolves InstanceSettings.
		// (`n8nFolder` is typed read-only because n8n derives it from the environment at startup; this is startup.)
		Object.assign(Container.get(InstanceSettingsConfig), {
			n8nFolder: storageRoot,
			encryptionKey: 'harness-encryption-key',
		});

		// The engine logs every node error it reports; tests assert on errors instead. N8N_LOG_LEVEL=debug still
		// shows everything when debugging a test.
		if (process.env.N8N_LOG_LEVEL === undefined) Container.get(GlobalConfig).logging.level = 'silent';

		// n8n 2.x stores binary data on the filesystem by default. `init()` registers that manager; without it the
		// service silently keeps base64 inline, which would hide nodes that read `binary.<prop>.data` directly.
		const binaryConfig = Container.get(BinaryDataConfig);
		binaryConfig.mode = 'filesystem';
		binaryConfig.localStoragePath = join(storageRoot, 'binaryData');
		await Container.get(BinaryDataService).init();
	})();
	return services;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-run pieces

/** Credentials resolve from memory: n8n would decrypt them from its database. */
class InMemoryCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Map<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** Pass-through: our nodes sign requests themselves (access_token in the query), not via n8n's `authenticate`. */
	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData(this.get(type));
		return credentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.get(type));
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data.set(type, data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data.set(type, { ...this.get(type), ...data });
	}

	getCredentialsProperties(): INodeProperties[] {
		return [];
	}

	private get(type: string): ICredentialDataDecryptedObject {
		const data = this.data.get(type);
		if (data === undefined) throw new Error(`harness: no credentials of type "${type}" were given to runNode`);
		return data;
	}
}

/** Emits the run's items. Inline binaries are stored through n8n's own helper, as any upstream node would. */
function itemsSource(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: SOURCE_NAME,
			name: 'itemsSource',
			group: ['input'],
			version: 1,
			description: 'Test-only: emits the items given to runNode',
			defaults: { name: SOURCE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			for (const { binary: binaries } of items) {
				if (binaries === undefined) continue;
				for (const [property, binary] of Object.entries(binaries)) {
					if (binary.id !== undefined) continue; // already stored, e.g. an output of an earlier run
					const buffer = Buffer.from(binary.data, BINARY_ENCODING);
					binaries[property] = await this.helpers.prepareBinaryData(buffer, binary.fileName, binary.mimeType);
				}
			}
			return [items];
		},
	};
}

class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Map<string, INodeType>) {}

	getByName(nodeType: string): INodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types.get(nodeType);
		if (type === undefined) throw new Error(`harness: unknown node type "${nodeType}"`);
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * The engine keeps only a plain-object copy of a node's error (`{ ...error, message, stack }`); remember the
 * thrown instance so tests can assert on its class, `description`, `context` and identity.
 */
class ErrorCapturingWorkflowExecute extends WorkflowExecute {
	readonly nodeErrors = new Map<string, Error>();

	override async runNode(...args: Parameters<WorkflowExecute['runNode']>): ReturnType<WorkflowExecute['runNode']> {
		try {
			return await super.runNode(...args);
		} catch (error) {
			if (error instanceof Error) this.nodeErrors.set(args[1].node.name, error);
			throw error;
		}
	}
}

/** Static data crosses executions the way n8n's database column does: as JSON. */
function jsonCopy(data: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(data)) as IDataObject;
}

function notInHarness(feature: string): () => never {
	return () => {
		throw new Error(`harness: ${feature} is not available in the test harness`);
	};
}

/** The workflow a run executes, built once; n8n rebuilds its `Workflow` object for every execution, so do we. */
interface HarnessWorkflow {
	options: RunNodeOptions;
	nodeName: string;
	staticData: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	workflowData: IWorkflowBase;
	nodeTypes: HarnessNodeTypes;
}

function buildWorkflow(options: RunNodeOptions): HarnessWorkflow {
	const { description } = options.node;
	const credentials = options.credentials ?? {};
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	const nodeName = description.defaults.name ?? description.displayName;
	const nodeType = `${PACKAGE_NAME}.${description.name}`;
	const main = (node: string) => ({ node, type: NodeConnectionTypes.Main, index: 0 });

	const nodes: INode[] = [
		{ id: randomUUID(), name: SOURCE_NAME, type: SOURCE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: randomUUID(),
			name: nodeName,
			type: nodeType,
			typeVersion: options.typeVersion ?? Math.max(...versions),
			position: [220, 0],
			// Copies: the engine and the nodes may mutate parameters and items; callers reuse theirs across runs.
			parameters: structuredClone(options.parameters),
			credentials: Object.fromEntries(
				Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: `${type} (harness)` }]),
			),
			...(options.continueOnFail === true && { onError: 'continueRegularOutput' as const }),
			// The engine reads a wait of 0 as its default 1 s: 1 ms is the shortest wait it keeps.
			...(options.retryOnFail && { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: 1 }),
		},
	];
	const types = new Map<string, INodeType>([
		[SOURCE_TYPE, itemsSource(structuredClone(options.items ?? [{ json: {} }]))],
		[nodeType, options.node],
	]);
	let connections: IConnections = { [SOURCE_NAME]: { main: [[main(nodeName)]] } };
	if (options.loop) {
		nodes.push({
			id: randomUUID(),
			name: LOOP_NAME,
			type: LOOP_TYPE,
			typeVersion: 1,
			position: [110, 0],
			parameters: {},
		});
		types.set(LOOP_TYPE, loopOverItems(options.loop.batchSize));
		connections = {
			[SOURCE_NAME]: { main: [[main(LOOP_NAME)]] },
			// Outputs "done" (nothing follows) and "loop" (the node under test).
			[LOOP_NAME]: { main: [[], [main(nodeName)]] },
			[nodeName]: { main: [[main(LOOP_NAME)]] },
		};
	}
	return {
		options,
		nodeName,
		staticData: options.staticData ?? {},
		credentials,
		nodeTypes: new HarnessNodeTypes(types),
		workflowData: {
			id: WORKFLOW_ID,
			name: 'Harness',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		},
	};
}

interface Execution {
	run: IRun;
	nodeErrors: Map<string, Error>;
}

/**
 * One execution with a new id: from the Items Source, or, given a failed execution's data, from where it stopped
 * (what n8n's WorkflowRunner does for a retry).
 */
async function execute(
	built: HarnessWorkflow,
	mode: WorkflowExecuteMode,
	resume?: IRunExecutionData,
): Promise<Execution> {
	const { options, staticData, workflowData } = built;
	const executionId = randomUUID();
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: built.nodeTypes,
		staticData: jsonCopy(staticData),
		settings: workflowData.settings,
	});

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	// What n8n's own save hook does: persist changed static data unless this is a manual (editor) run.
	hooks.addHandler('workflowExecuteAfter', (_run, newStaticData) => {
		if (mode === 'manual' || newStaticData === undefined) return;
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, jsonCopy(newStaticData));
	});

	if (options.onSendResponse) {
		const onSendResponse = options.onSendResponse;
		hooks.addHandler('sendResponse', (response) => onSendResponse(response));
	}

	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: new InMemoryCredentialsHelper(new Map(Object.entries(structuredClone(built.credentials)))),
		hooks,
		executionId,
		workflowId: WORKFLOW_ID,
		currentNodeExecutionIndex: 0,
		externalSecretsProxy: new ExternalSecretsProxy(),
		variables: {},
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		logAiEvent: () => undefined,
		getRuntimeCredential: async () => undefined,
		getRunExecutionData: async () => undefined,
		executeWorkflow: notInHarness('executing sub-workflows'),
		startRunnerTask: notInHarness('the Code node task runner'),
	};

	const engine = new ErrorCapturingWorkflowExecute(additionalData, mode, resume);
	const run = await (resume === undefined
		? engine.run({ workflow, startNode: workflow.getNode(SOURCE_NAME) ?? undefined })
		: engine.processRunExecutionData(workflow));
	return { run, nodeErrors: engine.nodeErrors };
}

/**
 * Why the execution failed, if it did. The engine also flags the whole run as failed when the node failed under
 * "On Error: Continue"; that case is reported through `result.error` instead.
 */
function failure(built: HarnessWorkflow, { run, nodeErrors }: Execution): Error | undefined {
	const runError = run.data.resultData.error;
	const failedNode = run.data.resultData.lastNodeExecuted ?? '';
	if (runError === undefined || (built.options.continueOnFail === true && failedNode === built.nodeName))
		return undefined;
	return nodeErrors.get(failedNode) ?? Object.assign(new Error(runError.message), runError);
}

function result(built: HarnessWorkflow, { run, nodeErrors }: Execution): RunNodeResult {
	const runs = (run.data.resultData.runData[built.nodeName] ?? []).map((task) =>
		(task.data?.main ?? []).map((output) => output ?? []),
	);
	const outputCount = Math.max(0, ...runs.map((outputs) => outputs.length));
	const outputs = Array.from({ length: outputCount }, (_, index) => runs.flatMap((outputs) => outputs[index] ?? []));
	const items = outputs[0] ?? [];
	return {
		items,
		outputs,
		runs: runs.map((outputs) => outputs[0] ?? []),
		error: nodeErrors.get(built.nodeName),
		staticData: built.staticData,
		async binary(itemIndex, property = 'data') {
			const binary = items[itemIndex]?.binary?.[property];
			if (binary === undefined) throw new Error(`harness: output item ${itemIndex} has no binary "${property}"`);
			return await Container.get(BinaryDataService).getAsBuffer(binary);
		},
	};
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await setUpServices();
	const built = buildWorkflow(options);
	const execution = await execute(built, options.mode ?? 'trigger');
	const error = failure(built, execution);
	if (error !== undefined) throw error;
	return result(built, execution);
}

export interface RetriedRun {
	/** Why the first execution failed. */
	firstError: Error;
	/** The retry's result; its runs include those the failed execution completed before the failure. */
	retry: RunNodeResult;
}

/**
 * Runs the node in an execution that must fail, then retries that execution the way n8n's Retry button does
 * (ExecutionService.retry in n8n 2.41): a new execution id, mode `retry`, the failed execution's data as stored
 * (every node's earlier output and the nodes' execution context), the failed run of the last node dropped, so the
 * engine runs that node again, with the same run index and the same input.
 */
export async function runNodeThenRetry(options: RunNodeOptions): Promise<RetriedRun> {
	await setUpServices();
	const built = buildWorkflow(options);
	const first = await execute(built, options.mode ?? 'trigger');
	const firstError = failure(built, first);
	if (firstError === undefined) throw new Error('harness: the execution succeeded, so it cannot be retried');
	const stored = JSON.parse(JSON.stringify(first.run.data)) as IRunExecutionData;
	const { resultData } = stored;
	delete resultData.error;
	const failedRuns = resultData.runData[resultData.lastNodeExecuted ?? ''];
	if (failedRuns?.at(-1)?.error !== undefined) failedRuns.pop();
	const retried = await execute(built, 'retry', stored);
	const error = failure(built, retried);
	if (error !== undefined) throw error;
	return { firstError, retry: result(built, retried) };
}
