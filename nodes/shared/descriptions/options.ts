/** Option fields several nodes share; one definition each. */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_CONCURRENCY } from '../execution/items';

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent at the same time; 1 sends strictly one after another. Output keeps the input order.',
};
