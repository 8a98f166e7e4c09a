/**
 * The shape of one resource of the WeCom Contacts node: its entry in the Resource picker, its Operation picker
 * and its operations (one file each). `resources.ts` lists them; the node derives its properties and router from it.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { Operation } from '../../shared/execution/router';
import type { WeComRun } from '../../shared/wecom/run';

export interface ContactsResourceModule {
	option: INodePropertyOptions & { value: string };
	picker: INodeProperties;
	operations: Record<string, Operation<WeComRun>>;
}
