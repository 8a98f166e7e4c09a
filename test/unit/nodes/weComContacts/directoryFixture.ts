/**
 * A WeCom corp with a directory (通讯录) in the emulator, on top of the WeCom fixture's apps: a department tree,
 * members, a tag, and the contact-sync secret (通讯录同步 Secret) a second weComApi credential carries.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { APP, useWeComFixture, type WeComFixture } from '../wecomFixture';
import { WeComContacts } from '../../../../nodes/WeComContacts/WeComContacts.node';
import type { DirectoryConfig } from '../../../emulator/wecom/directory/state';

export const SYNC_SECRET = 'contact-sync-secret-0123456789';
/** An app of the same corp that sees only 研发部 (2) and below, created after 2022-06-20. */
export const SCOPED_APP = { corpId: APP.corpId, corpSecret: 'scoped-app-secret-2024', agentId: 1000010 };
/** An app whose visible range holds no department at all. */
export const EMPTY_APP = { corpId: APP.corpId, corpSecret: 'empty-app-secret-2024', agentId: 1000011 };

export function directory(extraMembers: DirectoryConfig['members'] = []): DirectoryConfig {
	return {
		corpId: APP.corpId,
		contactSyncSecret: SYNC_SECRET,
		departments: [
			{ id: 1, name: '总部', parentid: 0, order: 100 },
			{ id: 2, name: '研发部', name_en: 'RD', parentid: 1, order: 90 },
			{ id: 3, name: '前端组', parentid: 2, order: 80 },
			{ id: 4, name: '销售部', parentid: 1, order: 70 },
		],
		members: [
			{ userid: 'zhangsan', name: '张三', department: [1], mobile: '13800000001', email: 'zhangsan@example.com', biz_mail: 'zhangsan@corp.example', position: '总经理' },
			{ userid: 'lisi', name: '李四', department: [2, 3], mobile: '13800000002', gender: '1' },
			{ userid: 'wangwu', name: '王五', department: [4], email: 'wangwu@example.com' },
			{ userid: 'zhaoliu', name: '赵六', department: [3], mobile: '13800000004' },
			...extraMembers,
		],
		tags: [{ tagid: 1, tagname: '经理', users: ['zhangsan'], parties: [4] }],
		appsCreatedSince2022: [SCOPED_APP.agentId],
	};
}

/** `count` members u0001… in 销售部 (4). */
export function bulkMembers(count: number): DirectoryConfig['members'] {
	return Array.from({ length: count }, (_, index) => ({
		userid: `u${String(index + 1).padStart(5, '0')}`,
		name: `成员${index + 1}`,
		department: [4],
		mobile: `139${String(index + 1).padStart(8, '0')}`,
	}));
}

export interface DirectoryFixture extends WeComFixture {
	/** Runs WeCom Contacts with the app's secret, or the contact-sync secret with `{ sync: true }`. */
	contacts(parameters: INodeParameters, options?: { sync?: boolean; credentials?: ICredentialDataDecryptedObject; continueOnFail?: boolean }): ReturnType<WeComFixture['run']>;
	bodies(path: string): unknown[];
	/** Reseeds the directory (beforeEach seeds the default one). */
	seed(config: DirectoryConfig): void;
}

export function useDirectoryFixture(): DirectoryFixture {
	const fx = useWeComFixture();
	const seed = (config: DirectoryConfig) => fx.emulator.configureWeComDirectory(config);
	beforeAll(() => {
		fx.emulator.addWeComApp({ ...SCOPED_APP, visibleToAll: false, parties: [2] });
		fx.emulator.addWeComApp({ ...EMPTY_APP, visibleToAll: false, users: ['zhangsan'] });
	});
	beforeEach(() => seed(directory()));
	return Object.assign(Object.create(fx) as WeComFixture, {
		contacts: (parameters: INodeParameters, options: { sync?: boolean; credentials?: ICredentialDataDecryptedObject; continueOnFail?: boolean } = {}) =>
			fx.run(new WeComContacts(), parameters, {
				credentials: options.credentials ?? (options.sync ? fx.credentials({ corpSecret: SYNC_SECRET }) : fx.credentials()),
				continueOnFail: options.continueOnFail,
			}),
		bodies: (path: string) =>
			fx.entries(path).map((entry) => {
				if (entry.json !== undefined) return entry.json;
				const { access_token: _token, ...query } = entry.query;
				return query;
			}),
		seed,
	});
}
