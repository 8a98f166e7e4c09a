/** The "Operation" field of one resource, and all fields of a resource's operations, in one definition. */
import type { INodeProperties } from 'n8n-workflow';

export function operationPicker(
	resource: string,
	options: INodeProperties['options'],
	fallback: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: fallback,
	};
}

/** Every operation's own fields, for a node's properties list. */
export function operationFields(
	resources: Record<string, Record<string, { description: INodeProperties[] }>>,
): INodeProperties[] {
	return Object.values(resources).flatMap((operations) =>
		Object.values(operations).flatMap((operation) => operation.description),
	);
}
