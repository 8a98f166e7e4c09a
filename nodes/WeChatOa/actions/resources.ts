/** Every resource of the WeChat OA node, in the order the Resource picker shows them (alphabetical). */
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../shared/descriptions/operationPicker';
import { defineResource, type Resource } from '../../shared/execution/router';
import { openOaRun } from '../../shared/oa/run';
import type { OaResourceModule } from './resourceModule';
import { customerServiceResource } from './customerService/resource';
import { draftResource } from './draft/resource';
import { followerResource } from './follower/resource';
import { jsSdkResource } from './jsSdk/resource';
import { materialResource } from './material/resource';
import { menuResource } from './menu/resource';
import { publishResource } from './publish/resource';
import { qrCodeResource } from './qrCode/resource';
import { tagResource } from './tag/resource';
import { webAuthResource } from './webAuth/resource';

export const resourceModules: OaResourceModule[] = [
	customerServiceResource,
	draftResource,
	followerResource,
	jsSdkResource,
	materialResource,
	menuResource,
	publishResource,
	qrCodeResource,
	tagResource,
	webAuthResource,
];

export const resources: Record<string, Resource> = Object.fromEntries(
	resourceModules.map((module) => [
		module.option.value,
		defineResource(module.operations, openOaRun, { concurrency: module.concurrency }),
	]),
);

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceModules.map((module) => module.option),
		default: 'draft',
	},
	...resourceModules.map((module) => module.picker),
	...operationFields(Object.fromEntries(resourceModules.map((module) => [module.option.value, module.operations]))),
];
