/**
 * Runs the emulator as a process: `node -r ts-node/register/transpile-only test/emulator/main.ts`.
 * Listens on 127.0.0.1:$EMULATOR_PORT (default 7780; 0 = any free port) with a demo WeCom app, so a WeCom
 * credential with base URL = the printed URL, corp ID `ww_demo_corp`, secret `demo-corp-secret` and agent
 * ID 1000002 works without a WeCom account. Prints one line with the URL; stops on SIGINT/SIGTERM.
 */
import { startEmulator } from './index';

const DEMO_WECOM_APP = {
	corpId: 'ww_demo_corp',
	corpSecret: 'demo-corp-secret',
	agentId: 1000002,
	name: 'Demo App',
	users: ['zhangsan', 'lisi', 'wangwu'],
	parties: [1, 2],
	tags: [1],
};

/** A group robot: POST {url}/cgi-bin/webhook/send?key=demo-robot-key works without a WeCom group. */
const DEMO_ROBOT = { key: 'demo-robot-key', name: 'Demo Robot' };

async function main(): Promise<void> {
	const port = Number(process.env.EMULATOR_PORT ?? 7780);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMULATOR_PORT must be a port number, got ${process.env.EMULATOR_PORT}`);
	const emulator = await startEmulator({ port, wecomApps: [DEMO_WECOM_APP], robots: [DEMO_ROBOT] });
	process.stdout.write(`WeChat API emulator listening on ${emulator.url} (WeCom demo app: corpId ${DEMO_WECOM_APP.corpId}, agentId ${DEMO_WECOM_APP.agentId}; robot key ${DEMO_ROBOT.key})\n`);
	const stop = (): void => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
