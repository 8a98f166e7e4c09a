/** Find a UserID by mobile (手机号获取userid, user/getuserid) or e-mail (邮箱获取userid, user/get_userid_by_email). */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { requireText } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';

export const description = scoped({ resource: ['member'], operation: ['getUserId'] }, [
	{
		displayName: 'By',
		name: 'by',
		type: 'options',
		options: [
			{ name: 'Mobile', value: 'mobile' },
			{ name: 'E-Mail', value: 'email' },
		],
		default: 'mobile',
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		required: true,
		placeholder: '13800000000',
		displayOptions: { show: { by: ['mobile'] } },
	},
	{
		displayName: 'E-Mail',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		displayOptions: { show: { by: ['email'] } },
	},
	{
		displayName: 'E-Mail Type',
		name: 'emailType',
		type: 'options',
		options: [
			{ name: 'Business E-Mail (企业邮箱)', value: 1 },
			{ name: 'Personal E-Mail (个人邮箱)', value: 2 },
		],
		default: 1,
		displayOptions: { show: { by: ['email'] } },
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const client = run.connection.client;
	if (ctx.param<string>('by', 'mobile') === 'mobile') {
		const mobile = requireText(ctx, 'mobile', 'Mobile', 'Enter or map the mobile number.');
		if (!/^\+?[\d-]{5,32}$/.test(mobile))
			throw new FieldError('Mobile', `"${mobile}" is not a mobile number`, 'Use digits, e.g. 13800000000.');
		const answer = await callJson(client, { method: 'POST', path: '/cgi-bin/user/getuserid', json: { mobile }, kind: 'read' });
		return { json: { mobile, userid: String(answer.userid) } };
	}
	const email = requireText(ctx, 'email', 'E-Mail', 'Enter or map the e-mail address.');
	if (!/^[^@\s]+@[^@\s]+$/.test(email))
		throw new FieldError('E-Mail', `"${email}" is not an e-mail address`, 'Use an address like name@example.com.');
	const email_type = Number(ctx.param<unknown>('emailType', 1));
	const answer = await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/user/get_userid_by_email',
		json: { email, email_type },
		kind: 'read',
	});
	return { json: { email, userid: String(answer.userid) } };
};
