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
