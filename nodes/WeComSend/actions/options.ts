/** Option fields several operations share; one definition each. */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_CONCURRENCY } from '../../shared/execution/items';
import { parseAgentId, type WeComConnection } from '../../shared/wecom/connection';
import { FieldError } from '../../shared/execution/errors';

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent at the same time; 1 sends strictly one after another. Output keeps the input order.',
};

export const agentIdOption: INodeProperties = {
	displayName: 'Agent ID',
	name: 'agentId',
	type: 'string',
	default: '',
	placeholder: '1000002',
	description: "Overrides the credential's Agent ID (应用AgentId) for this node",
};

/**
 * WeCom: "每企业调用单个cgi/api不可超过1万次/分" (频率限制). 9,000 leaves a tenth for the corp's other systems
 * and for the calls of other n8n processes, which this process's pacer cannot see.
 */
const DEFAULT_PACE_PER_MINUTE = 9_000;

export const paceOption: INodeProperties = {
	displayName: 'Pace Under Corp Quota (Calls per Minute)',
	name: 'paceCallsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_PACE_PER_MINUTE,
	description:
		"This corp's message sends are spread to at most this many a minute, across every workflow of this n8n process. WeCom allows a corp 10,000 calls a minute per API (频率限制); the default leaves a margin. Raise it if WeCom raised your quota; 0 turns pacing off. A send WeCom refuses for its quota (45009) is waited out and sent again either way.",
};

/** The pace option: a whole number of calls per minute, 0 for none. */
export function resolvePace(value: unknown): number {
	const pace = value === undefined || value === '' ? DEFAULT_PACE_PER_MINUTE : Number(value);
	if (!Number.isInteger(pace) || pace < 0) {
		throw new FieldError(
			'Options › Pace Under Corp Quota',
			`${String(value)} is not a whole number of calls`,
			'Use 9000 (the default), your raised quota less a margin, or 0 to turn pacing off.',
		);
	}
	return pace;
}

/** The agentid for a call: the node option when set, else the credential's. */
export function resolveAgentId(connection: WeComConnection, override: unknown): number {
	if (override !== undefined && String(override).trim() !== '') return parseAgentId(override, 'Options › Agent ID');
	if (connection.agentId === undefined) {
		throw new FieldError(
			'Agent ID',
			'is not set in the credential or the node',
			'Fill in the Agent ID in the WeCom credential (应用管理 → your app → AgentId).',
		);
	}
	return connection.agentId;
}
