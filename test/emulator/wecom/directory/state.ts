/**
 * A corp's directory (通讯录) as WeCom keeps it: a department tree, members, tags. Who may read what follows
 * WeCom's rules for self-built apps: an app reads its visibility scope (its departments and everything below,
 * its members, the members of its tags; the whole company when visible to all); the contact-sync secret
 * (通讯录同步 Secret) reads everything and is the only one that may write members and departments. Apps listed
 * as created since 2022-06-20 get no sensitive member fields (mobile, e-mail, gender, avatar, address).
 */
import { createHash } from 'node:crypto';
import type { WeComApp } from '../apps';

/** The token owner's agentId for the contact-sync secret (it belongs to no app; real agent IDs start at 1). */
export const CONTACT_SYNC_AGENT = 0;

export interface Department {
	id: number;
	name: string;
	name_en?: string;
	parentid: number;
	order: number;
}

export interface Member {
	userid: string;
	name: string;
	department: number[];
	mobile?: string;
	email?: string;
	biz_mail?: string;
	position?: string;
	gender?: string;
	alias?: string;
	telephone?: string;
	address?: string;
	main_department?: number;
	enable?: number;
	status: number;
}

export interface Tag {
	tagid: number;
	tagname: string;
	users: string[];
	parties: number[];
	/** The agentId of the app that created it (it alone may change it), or undefined for the admin console / contact sync. */
	owner?: number;
}

export interface DirectoryConfig {
	corpId: string;
	/** The contact-sync secret; gettoken with it gives a token that reads everything and may write. */
	contactSyncSecret: string;
	departments: Department[];
	members: Array<Omit<Member, 'status'> & { status?: number }>;
	tags?: Array<Omit<Tag, 'users' | 'parties'> & { users?: string[]; parties?: number[] }>;
	/** Agent IDs of apps created since 2022-06-20: their member answers leave the sensitive fields out. */
	appsCreatedSince2022?: number[];
}

const SENSITIVE = ['mobile', 'email', 'biz_mail', 'gender', 'avatar', 'address', 'telephone'] as const;

export interface Invitation {
	corpId: string;
	user: string[];
	party: number[];
	tag: number[];
}

/** One corp's directory. */
export class CorpDirectory {
	departments = new Map<number, Department>();
	members = new Map<string, Member>();
	tags = new Map<number, Tag>();
	invitations: Invitation[] = [];
	private nextDepartment = 2;
	private nextTag = 1;

	constructor(readonly config: DirectoryConfig) {
		for (const department of config.departments) this.departments.set(department.id, { ...department });
		for (const member of config.members)
			this.members.set(member.userid.toLowerCase(), { ...member, department: [...member.department], status: member.status ?? 1 });
		for (const tag of config.tags ?? [])
			this.tags.set(tag.tagid, { ...tag, users: [...(tag.users ?? [])], parties: [...(tag.parties ?? [])] });
		this.nextDepartment = Math.max(1, ...this.departments.keys()) + 1;
		this.nextTag = Math.max(0, ...this.tags.keys()) + 1;
	}

	newDepartmentId(): number {
		while (this.departments.has(this.nextDepartment)) this.nextDepartment++;
		return this.nextDepartment++;
	}

	newTagId(): number {
		while (this.tags.has(this.nextTag)) this.nextTag++;
		return this.nextTag++;
	}

	member(userid: string): Member | undefined {
		return this.members.get(userid.toLowerCase());
	}

	/** The department and every department below it. */
	subtree(id: number): number[] {
		const ids = [id];
		for (let index = 0; index < ids.length; index++) {
			for (const department of this.departments.values()) if (department.parentid === ids[index]) ids.push(department.id);
		}
		return ids;
	}

	/** A stable openid per corp and member, as user/convert_to_openid answers it. */
	openid(userid: string): string {
		return `o${createHash('sha256').update(`${this.config.corpId}|${userid.toLowerCase()}`).digest('base64url').slice(0, 27)}`;
	}
}

/** What one token may see of a corp's directory. */
export interface Scope {
	sync: boolean;
	departments: Set<number>;
	members: Set<string>;
	/** Leave out the sensitive member fields (an app created since 2022-06-20). */
	restricted: boolean;
	agentId: number;
}

export function scopeOf(directory: CorpDirectory, app: WeComApp | undefined, agentId: number): Scope {
	const everything = agentId === CONTACT_SYNC_AGENT || app === undefined || app.visibleToAll;
	const departments = new Set<number>();
	const members = new Set<string>();
	if (everything) {
		for (const id of directory.departments.keys()) departments.add(id);
		for (const key of directory.members.keys()) members.add(key);
	} else {
		for (const party of app.parties) for (const id of directory.subtree(party)) departments.add(id);
		for (const tagid of app.tags) {
			const tag = directory.tags.get(tagid);
			for (const user of tag?.users ?? []) members.add(user.toLowerCase());
			for (const party of tag?.parties ?? []) for (const id of directory.subtree(party)) departments.add(id);
		}
		for (const user of app.users) members.add(user.toLowerCase());
		for (const [key, member] of directory.members) if (member.department.some((id) => departments.has(id))) members.add(key);
	}
	return {
		sync: agentId === CONTACT_SYNC_AGENT,
		departments,
		members,
		restricted: agentId !== CONTACT_SYNC_AGENT && (directory.config.appsCreatedSince2022 ?? []).includes(agentId),
		agentId,
	};
}

/** A member as user/get and user/list answer it to this scope. */
export function memberView(member: Member, scope: Scope): Record<string, string | number | number[]> {
	const view: Record<string, string | number | number[] | undefined> = { ...member, department: [...member.department] };
	delete view.enable;
	if (scope.restricted) for (const field of SENSITIVE) delete view[field];
	return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined)) as Record<string, string | number | number[]>;
}

/** Every corp's directory; reset() rebuilds each from its configuration. */
export class WeComDirectories {
	private corps = new Map<string, CorpDirectory>();

	configure(config: DirectoryConfig): CorpDirectory {
		const directory = new CorpDirectory(config);
		this.corps.set(config.corpId, directory);
		return directory;
	}

	get(corpId: string): CorpDirectory | undefined {
		return this.corps.get(corpId);
	}

	reset(): void {
		for (const directory of [...this.corps.values()]) this.configure(directory.config);
	}

	snapshot(): Array<{ corpId: string; departments: Department[]; members: Member[]; tags: Tag[]; invitations: Invitation[] }> {
		return [...this.corps.values()].map((directory) => ({
			corpId: directory.config.corpId,
			departments: [...directory.departments.values()].map((department) => ({ ...department })),
			members: [...directory.members.values()].map((member) => ({ ...member, department: [...member.department] })),
			tags: [...directory.tags.values()].map((tag) => ({ ...tag, users: [...tag.users], parties: [...tag.parties] })),
			invitations: directory.invitations.map((invitation) => ({ ...invitation })),
		}));
	}
}
