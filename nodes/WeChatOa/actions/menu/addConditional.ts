/**
 * Add a conditional menu (创建个性化菜单): menu/addconditional, shown to followers who match the rule. WeChat
 * needs a default menu first (65303), and since its privacy change matches only on a tag or the client
 * platform (sex, region and language rules are refused with 65320, so the node does not offer them).
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { readTagId } from '../../../shared/oa/audience';
import { menuButtonFields, readMenuButtons } from './buttons';

export const description = scoped({ resource: ['menu'], operation: ['addConditional'] }, [
	{
		displayName: 'Match Tag ID',
		name: 'matchTagId',
		type: 'string',
		default: '',
		placeholder: '100',
		description:
			'Show this menu to followers with this tag (Tag → List); a follower with several tags is matched by the tag given last',
	},
	{
		displayName: 'Match Client Platform',
		name: 'matchPlatform',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'iOS', value: '1' },
			{ name: 'Android', value: '2' },
			{ name: 'Others', value: '3' },
		],
		default: '',
	},
	...menuButtonFields,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const tag = ctx.text('matchTagId');
	const platform = ctx.param<string>('matchPlatform', '');
	const matchrule: IDataObject = {};
	if (tag) matchrule.tag_id = String(readTagId(tag, 'Match Tag ID'));
	if (platform) matchrule.client_platform_type = platform;
	if (!Object.keys(matchrule).length)
		throw new FieldError(
			'Match Tag ID',
			'is empty and no platform is chosen',
			'A conditional menu needs a rule (errcode 65304): give a tag or a platform.',
		);
	const button = readMenuButtons(ctx);
	// Not replayed after an unknown outcome: each call adds another conditional menu.
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/menu/addconditional',
		json: { button, matchrule },
		kind: 'write',
	});
	return { json: { menuid: String(answer.menuid ?? ''), matchrule, button } };
};
