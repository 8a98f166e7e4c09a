/**
 * The member fields Create and Update send (创建成员 / 更新成员), checked against WeCom's limits before sending.
 * Update sends only what the user set: WeCom leaves fields out of the body unchanged.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import { idList } from '../../../shared/descriptions/wecomRecipients';
import { checkDepartmentId } from '../fields';

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: "The member's name (姓名): 1 to 64 characters",
};

export const departmentsField: INodeProperties = {
	displayName: 'Department IDs',
	name: 'departmentIds',
	type: 'string',
	default: '1',
	placeholder: '1|2',
	description: 'The departments the member belongs to (所属部门), separated by | or commas; at most 20',
};

/** Fields both Create and Update offer under their collection. */
export const profileFields: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '', description: 'Work address (地址), at most 128 characters' },
	{ displayName: 'Alias', name: 'alias', type: 'string', default: '', description: 'Alias (别名), at most 32 characters' },
	{ displayName: 'Business E-Mail', name: 'bizMail', type: 'string', default: '', description: 'Company mailbox (企业邮箱)' },
	{ displayName: 'E-Mail', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'E-mail (邮箱), unique in the company' },
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		options: [
			{ name: 'Male (男)', value: '1' },
			{ name: 'Female (女)', value: '2' },
		],
		default: '1',
	},
	{
		displayName: 'Main Department ID',
		name: 'mainDepartment',
		type: 'number',
		default: 1,
		description: 'The main department (主部门), one of its departments',
	},
	{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '', placeholder: '13800000000', description: 'Mobile number (手机号), unique in the company' },
	{ displayName: 'Position', name: 'position', type: 'string', default: '', description: 'Job title (职务), at most 128 characters' },
	{ displayName: 'Telephone', name: 'telephone', type: 'string', default: '', description: 'Desk phone (座机): digits and -, at most 32' },
];

function text(value: unknown, field: string, max: number): string {
	const result = String(value ?? '').trim();
	if (!result) throw new FieldError(field, 'is empty', `Fill it in or remove ${field} from the fields.`);
	if ([...result].length > max)
		throw new FieldError(field, `has ${[...result].length} characters, over WeCom's ${max}`, 'Shorten it.');
	return result;
}

function matching(value: unknown, field: string, pattern: RegExp, fix: string): string {
	const result = String(value ?? '').trim();
	if (!pattern.test(result)) throw new FieldError(field, `"${result}" is not valid`, fix);
	return result;
}

export function memberName(value: unknown): string {
	return text(value, 'Name', 64);
}

export function memberDepartments(value: unknown): number[] {
	const ids = [...new Set(idList(value).map((id) => checkDepartmentId(id, 'Department IDs')))];
	if (!ids.length) throw new FieldError('Department IDs', 'is empty', 'A member needs a department; 1 is the root.');
	if (ids.length > 20) throw new FieldError('Department IDs', `has ${ids.length} departments, over WeCom's 20`, 'Keep at most 20.');
	return ids;
}

/** WeCom's body fields from the collection, checked. */
export function profileBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.address !== undefined) body.address = text(fields.address, 'Address', 128);
	if (fields.alias !== undefined) body.alias = text(fields.alias, 'Alias', 32);
	if (fields.position !== undefined) body.position = text(fields.position, 'Position', 128);
	if (fields.email !== undefined)
		body.email = matching(fields.email, 'E-Mail', /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/, 'Use an address like name@example.com.');
	if (fields.bizMail !== undefined)
		body.biz_mail = matching(fields.bizMail, 'Business E-Mail', /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/, 'Use an address like name@example.com.');
	if (fields.mobile !== undefined)
		body.mobile = matching(fields.mobile, 'Mobile', /^\+?[\d-]{5,32}$/, 'Use digits, e.g. 13800000000 (with +86- for another region).');
	if (fields.telephone !== undefined)
		body.telephone = matching(fields.telephone, 'Telephone', /^[\d-]{1,32}$/, 'Use 1 to 32 digits or -.');
	if (fields.gender !== undefined)
		body.gender = matching(fields.gender, 'Gender', /^[12]$/, 'Pick 1 (male) or 2 (female).');
	if (fields.mainDepartment !== undefined)
		body.main_department = checkDepartmentId(fields.mainDepartment, 'Main Department ID');
	return body;
}

/** The main department must be one of the member's departments (WeCom refuses it otherwise). */
export function checkMainDepartment(body: IDataObject): void {
	const main = body.main_department as number | undefined;
	const departments = body.department as number[] | undefined;
	if (main !== undefined && departments && !departments.includes(main))
		throw new FieldError('Main Department ID', `${main} is not one of the member's departments`, 'Add it to Department IDs or pick another.');
}
