/** department/list, simplelist, get, create, update, delete (reference: developer.work.weixin.qq.com/document/path/90205 ff.). */
import { isRecord, type JsonObject } from '../../core/json';
import type { TokenRoute } from '../../core/router';
import { weComOk, weComPlatform } from '../errors';
import { refuse, Violation } from '../violation';
import { caller, departmentIdOf, DirectoryErrcode, invalid, noPrivilege, writer, type Caller, type DirectoryContext } from './access';
import type { Department } from './state';

const BAD_NAME = /[\\:*?"<>|]/;

function checkName(value: unknown, field: string): string | Violation {
	if (typeof value !== 'string' || value === '' || [...value].length > 32 || BAD_NAME.test(value)) return invalid(`field ${field} is invalid`);
	return value;
}

/** The departments at and below `id` (all visible when absent) that the caller may see. */
function visible(found: Caller, rawId: string | undefined): Department[] | Violation {
	const { directory, scope } = found;
	let ids = [...scope.departments];
	if (rawId !== undefined && rawId !== '') {
		const id = departmentIdOf(rawId);
		if (id === undefined) return new Violation(DirectoryErrcode.invalidDepartmentId, 'invalid department id');
		if (!directory.departments.has(id)) return new Violation(DirectoryErrcode.departmentNotFound, 'department not found');
		if (!scope.departments.has(id)) return noPrivilege();
		ids = directory.subtree(id).filter((sub) => scope.departments.has(sub));
	}
	return ids.map((id) => directory.departments.get(id)).filter((department): department is Department => department !== undefined);
}

function route(method: 'GET' | 'POST', path: string, handle: TokenRoute['handle']): TokenRoute {
	return { method, path, platform: weComPlatform, auth: 'token', handle };
}

export function departmentRoutes(ctx: DirectoryContext): TokenRoute[] {
	return [
		route('GET', '/cgi-bin/department/list', (req) => {
			const found = caller(ctx, req);
			const departments = found instanceof Violation ? found : visible(found, req.query.id);
			if (departments instanceof Violation) return refuse(req, departments);
			return weComOk({ department: departments.map((department) => ({ ...department }) as JsonObject) });
		}),
		route('GET', '/cgi-bin/department/simplelist', (req) => {
			const found = caller(ctx, req);
			const departments = found instanceof Violation ? found : visible(found, req.query.id);
			if (departments instanceof Violation) return refuse(req, departments);
			return weComOk({ department_id: departments.map(({ id, parentid, order }) => ({ id, parentid, order })) });
		}),
		route('GET', '/cgi-bin/department/get', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const id = departmentIdOf(req.query.id);
			if (id === undefined) return refuse(req, new Violation(DirectoryErrcode.invalidDepartmentId, 'invalid department id'));
			const department = found.directory.departments.get(id);
			if (department === undefined) return refuse(req, new Violation(DirectoryErrcode.departmentNotFound, 'department not found'));
			if (!found.scope.departments.has(id)) return refuse(req, noPrivilege());
			return weComOk({ department: { ...department } as JsonObject });
		}),
		route('POST', '/cgi-bin/department/create', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const name = checkName(body.name, 'name');
			if (name instanceof Violation) return refuse(req, name);
			if (body.name_en !== undefined && checkName(body.name_en, 'name_en') instanceof Violation) return refuse(req, invalid('field name_en is invalid'));
			const parentid = departmentIdOf(body.parentid);
			if (parentid === undefined || !found.directory.departments.has(parentid)) return refuse(req, new Violation(DirectoryErrcode.parentNotFound, 'parent department not found'));
			const siblings = [...found.directory.departments.values()].filter((department) => department.parentid === parentid);
			if (siblings.some((department) => department.name === name)) return refuse(req, new Violation(DirectoryErrcode.departmentExists, 'department existed'));
			if (body.id !== undefined && (departmentIdOf(body.id) === undefined || body.id === 1)) return refuse(req, new Violation(DirectoryErrcode.invalidDepartmentId, 'invalid department id'));
			const id = body.id === undefined ? found.directory.newDepartmentId() : (body.id as number);
			if (found.directory.departments.has(id)) return refuse(req, new Violation(DirectoryErrcode.departmentExists, 'department id existed'));
			const order = typeof body.order === 'number' ? body.order : 0;
			found.directory.departments.set(id, { id, name, ...(typeof body.name_en === 'string' ? { name_en: body.name_en } : {}), parentid, order });
			return weComOk({ id });
		}),
		route('POST', '/cgi-bin/department/update', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const department = found.directory.departments.get(departmentIdOf(body.id) ?? -1);
			if (department === undefined) return refuse(req, new Violation(DirectoryErrcode.departmentNotFound, 'department not found'));
			const changes: Partial<Department> = {};
			if (body.name !== undefined) {
				const name = checkName(body.name, 'name');
				if (name instanceof Violation) return refuse(req, name);
				changes.name = name;
			}
			if (body.name_en !== undefined) {
				const name = checkName(body.name_en, 'name_en');
				if (name instanceof Violation) return refuse(req, name);
				changes.name_en = name;
			}
			if (body.parentid !== undefined) {
				const parentid = departmentIdOf(body.parentid);
				if (parentid === undefined || !found.directory.departments.has(parentid)) return refuse(req, new Violation(DirectoryErrcode.parentNotFound, 'parent department not found'));
				if (found.directory.subtree(department.id).includes(parentid)) return refuse(req, invalid('field parentid is invalid: a department cannot move below itself'));
				changes.parentid = parentid;
			}
			if (typeof body.order === 'number') changes.order = body.order;
			Object.assign(department, changes);
			return weComOk({ errmsg: 'updated' });
		}),
		route('GET', '/cgi-bin/department/delete', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const id = departmentIdOf(req.query.id);
			if (id === undefined || !found.directory.departments.has(id)) return refuse(req, new Violation(DirectoryErrcode.departmentNotFound, 'department not found'));
			if ([...found.directory.departments.values()].some((department) => department.parentid === id)) return refuse(req, new Violation(DirectoryErrcode.departmentHasChildren, 'department has sub department'));
			if ([...found.directory.members.values()].some((member) => member.department.includes(id))) return refuse(req, new Violation(DirectoryErrcode.departmentHasMembers, 'department has member'));
			found.directory.departments.delete(id);
			return weComOk({ errmsg: 'deleted' });
		}),
	];
}
