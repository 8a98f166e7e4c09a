import type { WeComOperation } from '../types';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';
import { concurrencyOption } from '../options';

export const description = scoped({ resource: ['message'], operation: ['recall'] }, [
	{
		displayName: 'Message ID',
		name: 'msgid',
		type: 'string',
		default: '',
		required: true,
		description: 'The msgid a send returned; WeCom recalls messages up to 24 hours old (撤回应用消息)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
]);

export const execute: WeComOperation['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const msgid = requireText(ctx, 'msgid', 'Message ID', 'Map the msgid field of the send you want to recall.');
	await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/message/recall',
		json: { msgid },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { msgid, recalled: true } };
};
