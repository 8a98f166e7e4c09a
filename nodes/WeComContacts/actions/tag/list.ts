/** List tags (获取标签列表): tag/list, one output item per tag. */
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { listTags } from '../../../shared/wecom/directory';

export const description: INodeProperties[] = [];

export const execute: Operation<WeComRun>['execute'] = async function (run) {
	return (await listTags(run.connection.client)).map((tag) => ({ json: { ...tag } }));
};
