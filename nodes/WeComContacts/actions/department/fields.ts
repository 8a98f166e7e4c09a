/** Fields several Department operations share. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import { checkDepartmentId, departmentIdField } from '../fields';

export const idField = departmentIdField('departmentId', 'Department ID', 'The department ID (部门ID); 1 is the root');

export const belowField = departmentIdField(
	'departmentId',
	'Below Department ID',
	'List this department and everything below it; 0 lists the whole tree the credential may see',
	false,
);

export const changeFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Department name (部门名称): 1 to 32 characters, none of \\:*?"&lt;&gt;|',
	},
	{ displayName: 'English Name', name: 'nameEn', type: 'string', default: '', description: 'English name (英文名称), same rules' },
	{ displayName: 'Parent Department ID', name: 'parentId', type: 'number', default: 1, description: 'The parent department (父部门ID)' },
	{
		displayName: 'Order',
		name: 'order',
		type: 'number',
		default: 0,
		description: 'Order among its siblings; a larger value comes first (次序值)',
	},
];

const BAD_NAME = /[\\:*?"<>|]/;

function checkName(value: unknown, field: string): string {
	const name = String(value ?? '').trim();
	if (!name || [...name].length > 32 || BAD_NAME.test(name))
		throw new FieldError(field, `"${name}" is not a department name`, 'Use 1 to 32 characters, none of \\:*?"<>|.');
	return name;
}

/** The body fields of create/update from the collection the user filled in, checked. */
export function departmentChanges(changes: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (changes.name !== undefined) body.name = checkName(changes.name, 'Name');
	if (changes.nameEn !== undefined) body.name_en = checkName(changes.nameEn, 'English Name');
	if (changes.parentId !== undefined) body.parentid = checkDepartmentId(changes.parentId, 'Parent Department ID');
	if (changes.order !== undefined) {
		const order = Number(changes.order);
		if (!Number.isInteger(order) || order < 0 || order >= 2 ** 32)
			throw new FieldError('Order', `"${String(changes.order)}" is not an order value`, 'Use a whole number from 0 to 4294967295.');
		body.order = order;
	}
	return body;
}
