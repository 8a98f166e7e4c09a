import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { subscribedSocket } from './aibot-socket-client';
import { http } from './helpers';

describe('emulator: CLI (test/emulator/main.ts)', () => {
	it('starts with the demo app, prints its URL on one line and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../emulator/main.ts')], {
			env: { ...process.env, EMULATOR_PORT: '0' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const [line] = (await once(child.stdout, 'data')) as [Buffer];
			const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line.toString())?.[0];
			expect(url).toBeDefined();
			const { json } = await http('GET', `${url}/cgi-bin/gettoken?corpid=ww_demo_corp&corpsecret=demo-corp-secret`);
			expect(json.errcode).toBe(0);
			const state = (await http('GET', `${url}/__emulator/state`)).json as { wecom: { apps: unknown[] } };
			// The demo app, and the demo directory's contact-sync secret (通讯录同步, no real agent ID) for WeCom Contacts.
			expect(state.wecom.apps).toEqual([
				expect.objectContaining({ agentId: 1000002, users: ['zhangsan', 'lisi', 'wangwu'], parties: [1, 2], tags: [1] }),
				expect.objectContaining({ agentId: 0, corpSecret: 'demo-contact-sync-secret' }),
			]);
			// The demo AI bot subscribes on the long connection, and its open socket does not hold up the exit below.
			await subscribedSocket(url ?? '', 'aib_demo_bot', 'demo-aibot-secret');
		} finally {
			child.kill('SIGTERM');
		}
		const [code] = (await once(child, 'exit')) as [number | null];
		expect(code).toBe(0);
	});
});
