/**
 * The canvas subtitle of a resource/operation node in display names ("Send Text · Message"), not raw values.
 * n8n evaluates a subtitle as an expression over the node's raw parameters, so the names are built into the
 * expression as lookup tables, read from the node's own Resource and Operation options (one source of truth).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

function namedOptions(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []).filter(
		(option): option is INodePropertyOptions => 'value' in option && typeof option.name === 'string',
	);
}

export function operationSubtitle(properties: INodeProperties[]): string {
	const resourceField = properties.find((property) => property.name === 'resource' && property.type === 'options');
	const resources: Record<string, string> = {};
	for (const option of resourceField ? namedOptions(resourceField) : []) resources[String(option.value)] = option.name;
	const operations: Record<string, string> = {};
	for (const field of properties) {
		if (field.name !== 'operation' || field.type !== 'options') continue;
		const shownFor = field.displayOptions?.show?.resource ?? Object.keys(resources);
		for (const resource of shownFor) {
			for (const option of namedOptions(field)) operations[`${String(resource)}/${String(option.value)}`] = option.name;
		}
	}
	const key = '$parameter["resource"] + "/" + $parameter["operation"]';
	// An unknown value (a newer version's operation) falls back to the raw value rather than "undefined".
	const operation = `(${JSON.stringify(operations)}[${key}] || $parameter["operation"])`;
	const resource = `(${JSON.stringify(resources)}[$parameter["resource"]] || $parameter["resource"])`;
	return `={{ ${operation} + " · " + ${resource} }}`;
}
