/** What every robot "send <msgtype>" shares: pacing to 20 a minute (or failing on 45009), one call to webhook/send. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { RobotRun } from '../../../shared/robot/run';
import type { WeComMessageContent } from '../../../shared/descriptions/wecomMessage';
import { scoped } from '../../../shared/descriptions/scope';
import { robotSend, type RateLimitMode } from '../../../shared/robot/client';

const rateLimitOption: INodeProperties = {
	displayName: 'When Rate-Limited',
	name: 'rateLimit',
	type: 'options',
	options: [
		{
			name: 'Wait (Pace to 20 per Minute)',
			value: 'wait',
			description: 'Send at most 20 messages a minute per robot, waiting for room; nothing is lost',
		},
		{
			name: 'Fail (Errcode 45009)',
			value: 'fail',
			description: 'Send at once; a message over the limit fails with errcode 45009',
		},
	],
	default: 'wait',
	description: 'Group robots accept 20 messages a minute (每个机器人发送的消息不能超过20条/分钟)',
};

export function robotSendOperation(operation: string, content: WeComMessageContent): Operation<RobotRun> {
	return {
		description: scoped({ resource: ['robot'], operation: [operation] }, [
			...content.properties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [rateLimitOption],
			},
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const mode = (ctx.param<IDataObject>('options', {}).rateLimit ?? 'wait') as RateLimitMode;
			const body = { msgtype: content.msgtype, [content.msgtype]: await content.build(ctx) };
			await robotSend(run.connection, body, mode);
			return { json: { msgtype: content.msgtype, sent: true } };
		},
	};
}
