/**
 * A stand-in for the context n8n gives a trigger's trigger(): what our triggers read (parameters, credentials,
 * node, workflow, a logger, binary helpers) and a record of what they emit. As with webhooks, n8n's engine has
 * no public way to run one without its server; the real path is covered by the e2e suite in a real n8n.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IRun,
	INodeType,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { prepareBinaryData } from './webhook';

/** What n8n's helpers.createDeferredPromise gives (its type lives in a package of n8n's we do not depend on). */
export interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: Error) => void;
}

function createDeferredPromise<T>(): Deferred<T> {
	const deferred = {} as Deferred<T>;
	deferred.promise = new Promise<T>((resolve, reject) => Object.assign(deferred, { resolve, reject }));
	return deferred;
}

export interface TriggerCall {
	node: INodeType;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters?: IDataObject;
	workflowId?: string;
	nodeName?: string;
	/** 'manual': the editor's Execute workflow (listening for a test event); 'trigger' otherwise. */
	mode?: 'trigger' | 'manual';
}

export interface ActiveTrigger {
	response: ITriggerResponse;
	/** Every item emitted, in order. */
	items: INodeExecutionData[];
	/** Errors the trigger reported through emitError. */
	errors: Error[];
	/** Log lines at warn level and above (info lines in `infos`). */
	warnings: string[];
	infos: string[];
	/** The run-end promises the trigger handed over with its emits (n8n resolves them when the run ends). */
	done: Array<Deferred<IRun>>;
	/** Resolves with the items once at least `count` were emitted, or rejects after `timeoutMs`. */
	waitForItems(count: number, timeoutMs?: number): Promise<INodeExecutionData[]>;
	close(): Promise<void>;
}

export async function startTrigger(call: TriggerCall): Promise<ActiveTrigger> {
	const items: INodeExecutionData[] = [];
	const errors: Error[] = [];
	const warnings: string[] = [];
	const infos: string[] = [];
	const waiters = new Set<() => void>();
	const done: Array<Deferred<IRun>> = [];
	let returned = false;
	const parameters: IDataObject = { triggerOn: ['*'], reply: 'none', options: {}, ...call.parameters };
	const context = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async (type: string) => {
			const found = call.credentials[type];
			if (!found) throw new Error(`no credential ${type}`);
			return found;
		},
		getNode: () => ({ id: 'node-test', name: call.nodeName ?? 'Trigger' }),
		getWorkflow: () => ({ id: call.workflowId ?? 'wf-test', active: true }),
		getMode: () => call.mode ?? 'trigger',
		emit: (data: INodeExecutionData[][], _response?: unknown, runEnd?: Deferred<IRun>) => {
			// As n8n-core's TriggerContext: a manual run's emit is put in only once trigger() has returned.
			if (call.mode === 'manual' && !returned) throw new Error('Overwrite TriggerContext.emit function');
			if (runEnd) done.push(runEnd);
			items.push(...data[0]);
			for (const wake of waiters) wake();
		},
		emitError: (error: Error) => errors.push(error),
		helpers: { prepareBinaryData, createDeferredPromise },
		logger: {
			warn: (message: string) => warnings.push(message),
			error: (message: string) => warnings.push(message),
			info: (message: string) => infos.push(message),
			debug: () => undefined,
		},
	} as unknown as ITriggerFunctions;
	if (!call.node.trigger) throw new Error('not a trigger node');
	const response = (await call.node.trigger.call(context)) ?? {};
	returned = true;
	return {
		response,
		items,
		done,
		errors,
		warnings,
		infos,
		waitForItems: (count, timeoutMs = 5_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					if (items.length < count) return;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(items);
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`${items.length} of ${count} items emitted within ${timeoutMs} ms`));
				}, timeoutMs);
				waiters.add(check);
				check();
			}),
		close: async () => {
			await response.closeFunction?.();
		},
	};
}
