/** Puts fields under show-conditions (e.g. one operation), keeping their own conditions too. */
import type { INodeProperties } from 'n8n-workflow';

export type ShowConditions = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

export function scoped(show: ShowConditions, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	}));
}
