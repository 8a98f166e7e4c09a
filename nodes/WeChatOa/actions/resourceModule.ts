/**
 * The shape of one resource of the WeChat OA node: its entry in the Resource picker, its Operation picker and
 * its operations (one file each). `resources.ts` lists them; the node derives its properties and router from that list.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { Operation } from '../../shared/execution/router';
import type { OaRun } from '../../shared/oa/run';

export interface OaResourceModule {
	/** Entry in the Resource picker: English name, lowerCamel value, description with the Chinese term. */
	option: INodePropertyOptions & { value: string };
	/** Built with operationPicker(option.value, ...). */
	picker: INodeProperties;
	operations: Record<string, Operation<OaRun>>;
	/** Fixed items-at-once (e.g. 1 for writes whose order matters); else the Concurrency option. */
	concurrency?: number;
}
