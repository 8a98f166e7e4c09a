/** Create the menu (创建自定义菜单): menu/create replaces the whole default menu. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { menuButtonFields, readMenuButtons } from './buttons';

export const description = scoped({ resource: ['menu'], operation: ['create'] }, menuButtonFields);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const button = readMenuButtons(run.item(itemIndex));
	// The same menu sent twice is the same menu: a replay is harmless.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/menu/create',
		json: { button },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { created: true, button } };
};
