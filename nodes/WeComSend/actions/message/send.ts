/**
 * What every "send <msgtype>" operation shares: recipients, the options, the call to message/send and the
 * output shape. Each operation file only names its message content.
 */
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject as N8nJson,
} from 'n8n-workflow';
import type { WeComOperation } from '../types';
import type { WeComMessageContent } from '../../../shared/descriptions/wecomMessage';
import { weComRecipientProperties, buildWeComRecipients, idList } from '../../../shared/descriptions/wecomRecipients';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import type { JsonObject } from '../../../shared/transport/client';
import { callWithinQuotaLogged, rateLimitedField } from '../../../shared/execution/quota';
import { countMemberSends } from '../../../shared/wecom/memberRate';
import { agentIdOption, concurrencyOption, paceOption, resolveAgentId, resolvePace } from '../options';

function sendOptions(content: WeComMessageContent): INodeProperties {
	const options: INodeProperties[] = [
		agentIdOption,
		concurrencyOption,
		paceOption,
		{
			displayName: 'Duplicate Check',
			name: 'enableDuplicateCheck',
			type: 'boolean',
			default: false,
			description:
				'Whether WeCom drops an identical message sent again within the interval (重复消息检查). Also lets the node retry safely after a network error.',
		},
		{
			displayName: 'Duplicate Check Interval (Seconds)',
			name: 'duplicateCheckInterval',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 14400 },
			default: 1800,
			description: 'Used with Duplicate Check; at most 4 hours',
		},
		{
			displayName: 'Enable ID Translation',
			name: 'enableIdTrans',
			type: 'boolean',
			default: false,
			description: 'Whether $userName=ID$ / $departmentName=ID$ placeholders are translated (third-party apps only)',
		},
		{
			displayName: 'Fail on Partial Delivery',
			name: 'failOnPartialDelivery',
			type: 'boolean',
			default: false,
			description:
				'Whether invalid or unlicensed recipients (invaliduser, invalidparty, invalidtag, unlicenseduser) make the item fail instead of only being listed in the output',
		},
	];
	if (content.supportsSafe) {
		options.push({
			displayName: 'Confidential (safe)',
			name: 'safe',
			type: 'options',
			options: [
				{ name: 'No (0)', value: 0 },
				{ name: 'Yes: No Sharing, Watermark (1)', value: 1 },
				...(content.msgtype === 'mpnews' ? [{ name: 'Share Inside the Company Only (2)', value: 2 }] : []),
			],
			default: 0,
			description: 'Whether the message is confidential (保密消息)',
		});
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The fields WeCom returns for a send, always present under the same names. */
function deliveryResult(answer: JsonObject): IDataObject {
	const result: IDataObject = {
		msgid: String(answer.msgid ?? ''),
		invaliduser: String(answer.invaliduser ?? ''),
		invalidparty: String(answer.invalidparty ?? ''),
		invalidtag: String(answer.invalidtag ?? ''),
		unlicenseduser: String(answer.unlicenseduser ?? ''),
		response_code: String(answer.response_code ?? ''),
	};
	result.partialDelivery = ['invaliduser', 'invalidparty', 'invalidtag', 'unlicenseduser'].some(
		(key) => result[key] !== '',
	);
	return result;
}

/** The members named in touser that WeCom did not list as invalid or unlicensed (`@all` names nobody). */
function deliveredMembers(body: IDataObject, result: IDataObject): string[] {
	const refused = new Set(
		[...idList(result.invaliduser), ...idList(result.unlicenseduser)].map((id) => id.toLowerCase()),
	);
	return idList(body.touser).filter((id) => id !== '@all' && !refused.has(id.toLowerCase()));
}

export function failOnPartialDelivery(exec: IExecuteFunctions, result: IDataObject, itemIndex: number): void {
	const parts = [
		['invaliduser', 'members'],
		['invalidparty', 'departments'],
		['invalidtag', 'tags'],
		['unlicenseduser', 'unlicensed members'],
	]
		.filter(([key]) => result[key])
		.map(([key, label]) => `${label} ${idList(result[key]).join(', ')}`);
	if (!parts.length) return;
	throw new NodeApiError(exec.getNode(), result as N8nJson, {
		itemIndex,
		message: `WeCom did not deliver to every recipient: ${parts.join('; ')}`,
		description: `The message was sent (msgid ${result.msgid}) to the others. Check these IDs and the app's visible range (可见范围); unlicensed members need an interface licence (接口许可).`,
	});
}

export function sendOperation(operation: string, content: WeComMessageContent): WeComOperation {
	return {
		description: scoped({ resource: ['message'], operation: [operation] }, [
			...weComRecipientProperties,
			...content.properties,
			sendOptions(content),
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const options = ctx.param<IDataObject>('options', {});
			const body: IDataObject = {
				...buildWeComRecipients(ctx),
				msgtype: content.msgtype,
				agentid: resolveAgentId(run.connection, options.agentId),
				[content.msgtype]: await content.build(ctx),
			};
			if (content.supportsSafe && options.safe !== undefined) body.safe = Number(options.safe);
			if (options.enableIdTrans) body.enable_id_trans = 1;
			const dedupe = options.enableDuplicateCheck === true;
			if (dedupe) {
				body.enable_duplicate_check = 1;
				const interval = Number(options.duplicateCheckInterval ?? 1800);
				if (!Number.isInteger(interval) || interval < 1 || interval > 14400) {
					throw new FieldError(
						'Options › Duplicate Check Interval',
						`${interval} is out of range`,
						'Use 1 to 14400 seconds (4 hours).',
					);
				}
				body.duplicate_check_interval = interval;
			}
			const { client } = run.connection;
			const outcome = await callWithinQuotaLogged(
				this,
				itemIndex,
				client,
				{ method: 'POST', path: '/cgi-bin/message/send', json: body, kind: 'write', deduplicated: dedupe },
				{ perMinute: resolvePace(options.paceCallsPerMinute) },
			);
			const result = deliveryResult(outcome.answer);
			// Counted before a partial-delivery error: the members it reached did get the message.
			const warnings = countMemberSends(client.source.id, Number(body.agentid), deliveredMembers(body, result));
			if (options.failOnPartialDelivery === true) failOnPartialDelivery(this, result, itemIndex);
			return { json: { ...result, ...rateLimitedField(outcome), ...(warnings.length ? { warnings } : {}) } };
		},
	};
}
