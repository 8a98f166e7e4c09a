/** Delete the menu (删除自定义菜单): menu/delete removes the default menu and every conditional menu. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['menu'], operation: ['delete'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	// Deleting twice leaves no menu either way: a replay is harmless.
	await callJson(run.client, { method: 'GET', path: '/cgi-bin/menu/delete', kind: 'write', deduplicated: true });
	return { json: { deleted: true } };
};
