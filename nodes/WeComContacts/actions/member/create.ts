/** Create a member (创建成员): user/create. Needs the contact-sync secret; mobile or e-mail is required. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { userId, userIdField } from '../fields';
import { checkMainDepartment, departmentsField, memberDepartments, memberName, nameField, profileBody, profileFields } from './profile';

export const description = scoped({ resource: ['member'], operation: ['create'] }, [
	userIdField,
	{ ...nameField, required: true },
	{ ...departmentsField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...profileFields,
			{
				displayName: 'Send Invitation',
				name: 'toInvite',
				type: 'boolean',
				default: true,
				description: 'Whether WeCom invites the member by SMS or e-mail (to_invite)',
			},
		],
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const extra = ctx.param<IDataObject>('additionalFields', {});
	const body: IDataObject = {
		userid: userId(ctx),
		name: memberName(ctx.param<unknown>('name', '')),
		department: memberDepartments(ctx.param<unknown>('departmentIds', '')),
		...profileBody(extra),
	};
	if (extra.toInvite !== undefined) body.to_invite = Boolean(extra.toInvite);
	if (!body.mobile && !body.email && !body.biz_mail)
		throw new FieldError('Additional Fields', 'no mobile or e-mail is set', 'WeCom needs a Mobile or an E-Mail for a new member.');
	checkMainDepartment(body);
	// Not replayed after an unknown outcome: the replay would be refused as an existing UserID (60102).
	await callJson(run.connection.client, { method: 'POST', path: '/cgi-bin/user/create', json: body, kind: 'write' });
	return { json: { ...body, created: true } };
};
