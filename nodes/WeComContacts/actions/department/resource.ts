/** Department (部门): the company's department tree. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { ContactsResourceModule } from '../resourceModule';
import * as create from './create';
import * as deleteDepartment from './delete';
import * as get from './get';
import * as list from './list';
import * as listIds from './listIds';
import * as update from './update';

export const departmentResource: ContactsResourceModule = {
	option: { name: 'Department', value: 'department', description: 'The department tree (部门)' },
	picker: operationPicker(
		'department',
		[
			{ name: 'Create', value: 'create', action: 'Create a department', description: 'Create a department (创建部门)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a department', description: 'Delete an empty department (删除部门)' },
			{ name: 'Get', value: 'get', action: 'Get a department', description: 'One department (获取单个部门详情)' },
			{
				name: 'List',
				value: 'list',
				action: 'List departments',
				description: 'Departments with their names, the whole tree or below one (获取部门列表)',
			},
			{
				name: 'List IDs',
				value: 'listIds',
				action: 'List department IDs',
				description: 'Department IDs with parent and order only (获取子部门ID列表)',
			},
			{ name: 'Update', value: 'update', action: 'Update a department', description: 'Rename or move a department (更新部门)' },
		],
		'list',
	),
	operations: { create, delete: deleteDepartment, get, list, listIds, update },
};
