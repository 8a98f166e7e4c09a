import type { WeComOperation } from '../types';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson, replayNote } from '../../../shared/transport/client';
import { concurrencyOption } from '../options';

/**
 * WeCom documents no errcode of its own for a message that is already recalled; it answers 40058 (invalid
 * parameter, errmsg naming msgid), as for an unknown msgid. Only for a replay of our own recall does that mean
 * "already recalled".
 */
const ALREADY_RECALLED: ReadonlySet<number> = new Set([40058]);

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
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/message/recall',
		json: { msgid },
		kind: 'write',
		deduplicated: true,
		doneOnReplay: ALREADY_RECALLED,
	});
	const note = replayNote(answer, 'recalled');
	return { json: { msgid, recalled: true, ...(note ? { note } : {}) } };
};
