/**
 * A node built from resource modules (WeChat OA, WeCom Contacts): each module is its entry in the Resource
 * picker, its Operation picker and its operations (one file each). The node's properties and router both come
 * from the one list of modules.
 */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { operationFields } from '../descriptions/operationPicker';
import { defineResource, type Operation, type Resource } from './router';
import type { ParameterReader } from './parameters';

export interface ResourceModule<Run> {
	/** Entry in the Resource picker: English name, lowerCamel value, description with the Chinese term. */
	option: INodePropertyOptions & { value: string };
	/** Built with operationPicker(option.value, ...). */
	picker: INodeProperties;
	operations: Record<string, Operation<Run>>;
	/** Fixed items-at-once (e.g. 1 for writes whose order matters); else the Concurrency option. */
	concurrency?: number;
}

export function moduleResources<Run>(
	modules: Array<ResourceModule<Run>>,
	open: (exec: IExecuteFunctions, read: ParameterReader) => Promise<Run>,
): Record<string, Resource> {
	return Object.fromEntries(
		modules.map((module) => [
			module.option.value,
			defineResource(module.operations, open, { concurrency: module.concurrency }),
		]),
	);
}

/** The Resource picker (modules in the order given), each module's Operation picker, then every operation's fields. */
export function moduleProperties<Run>(modules: Array<ResourceModule<Run>>, fallback: string): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: modules.map((module) => module.option),
			default: fallback,
		},
		...modules.map((module) => module.picker),
		...operationFields(Object.fromEntries(modules.map((module) => [module.option.value, module.operations]))),
	];
}
