/** Every resource of the WeCom Contacts node, in the order the Resource picker shows them. */
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../shared/descriptions/operationPicker';
import { defineResource, type Resource } from '../../shared/execution/router';
import { openWeComRun } from '../../shared/wecom/run';
import type { ContactsResourceModule } from './resourceModule';
import { departmentResource } from './department/resource';
import { memberResource } from './member/resource';
import { tagResource } from './tag/resource';

const resourceModules: ContactsResourceModule[] = [departmentResource, memberResource, tagResource];

export const resources: Record<string, Resource> = Object.fromEntries(
	resourceModules.map((module) => [module.option.value, defineResource(module.operations, openWeComRun)]),
);

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceModules.map((module) => module.option),
		default: 'member',
	},
	...resourceModules.map((module) => module.picker),
	...operationFields(Object.fromEntries(resourceModules.map((module) => [module.option.value, module.operations]))),
];
