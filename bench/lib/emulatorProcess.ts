/**
 * The emulator in its own process, so its request log and message state never count towards the memory
 * measured here, and its CPU work runs on the other core for both the node and the baseline alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { request } from 'undici';

export interface EmulatorProcess {
	url: string;
	control<T>(method: 'GET' | 'POST', route: string): Promise<T>;
	stop(): Promise<void>;
}

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
	const root = path.join(__dirname, '..', '..');
	const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'test/emulator/main.ts')], {
		cwd: root,
		env: { ...process.env, EMULATOR_PORT: '0', TS_NODE_PROJECT: path.join(root, 'tsconfig.test.json') },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			seen += chunk.toString();
			const match = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
			if (match) resolve(match[0]);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
		setTimeout(() => reject(new Error('emulator did not start in 30 s')), 30_000).unref();
	});
	return {
		url,
		async control<T>(method: 'GET' | 'POST', route: string): Promise<T> {
			const answer = await request(`${url}/__emulator/${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
			return (await answer.body.json()) as T;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
