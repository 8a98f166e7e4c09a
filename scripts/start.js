#!/usr/bin/env node
'use strict';
/**
 * `npm start` (= `npm run build && node scripts/start.js`): a real n8n with this package installed, talking to the
 * WeChat API emulator, ready to log in to.
 *
 *   - n8n 2.41.1 + Node 24 from the cache test/e2e/install-n8n.sh fills (a few minutes the first time)
 *   - the freshly built package packed and installed into .start/.n8n/nodes the way n8n installs a community
 *     package (reinstalled on every start, so it is always the current build)
 *   - the emulator on http://127.0.0.1:7780 (EMULATOR_PORT), the demo credentials pointing at it (a WeCom app, a
 *     group robot, an Official Account, an AI bot and an OpenAI-compatible model: every credential an example uses)
 *     and examples/*.json imported (fixed ids: re-running updates them), scheduled examples published
 *   - n8n on http://127.0.0.1:5678 (N8N_PORT) with an owner account (created from environment variables; its
 *     password is generated once and kept in .start/owner.json)
 * Stays in the foreground until Ctrl-C, then stops both. Everything listens on 127.0.0.1 only.
 * Logs: .start/n8n.log, .start/emulator.log. Start over: delete .start/.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('../test/e2e/host');

const START = path.join(h.ROOT, '.start');
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const EMULATOR_PORT = Number(process.env.EMULATOR_PORT || 7780);
let stopping = false;

function say(line = '') {
	console.log(line);
}

/** The login, generated on the first start and kept so it stays the same across restarts. */
function ownerAccount() {
	const file = path.join(START, 'owner.json');
	const saved = h.readJson(file, null);
	if (saved?.email && saved?.password) return saved;
	// n8n wants 8+ characters with a number and a capital letter.
	const owner = { email: 'demo@example.com', password: `Demo-${crypto.randomBytes(5).toString('hex')}-Wx1` };
	fs.writeFileSync(file, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return owner;
}

async function requireFreePort(port, what, variable) {
	const free = (await h.pickPort(port)) === port;
	if (!free) throw new Error(`port ${port} (${what}) is in use: stop whatever holds it (an earlier npm start?) or set ${variable}`);
}

/** Examples started by something other than a click (schedules, webhooks) are published so they run. */
function triggeredExamples() {
	return h
		.exampleFiles()
		.map((file) => h.readJson(file))
		.filter((workflow) =>
			workflow.nodes.some(
				(node) =>
					(/trigger$/i.test(node.type) && node.type !== 'n8n-nodes-base.manualTrigger') ||
					node.type === 'n8n-nodes-base.webhook',
			),
		);
}

async function main() {
	fs.mkdirSync(START, { recursive: true });
	h.assertBuilt();
	await requireFreePort(N8N_PORT, 'n8n', 'N8N_PORT');
	await requireFreePort(EMULATOR_PORT, 'emulator', 'EMULATOR_PORT');

	say('• n8n + Node 24 (cached after the first run) …');
	const n8n = h.installN8n();

	say('• packing and installing this package into .start/.n8n/nodes …');
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wecom-oa-pack-'));
	try {
		const { tarball } = await h.packPackage(packDir);
		await h.installCommunityPackage(n8n, tarball, START);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}

	say(`• emulator on 127.0.0.1:${EMULATOR_PORT} …`);
	const emulator = await h.startEmulator(EMULATOR_PORT, { logFile: path.join(START, 'emulator.log') });

	const brokerPort = await h.pickPort(N8N_PORT + 1, [N8N_PORT, EMULATOR_PORT]);
	const cliBrokerPort = await h.pickPort(N8N_PORT + 2, [N8N_PORT, EMULATOR_PORT, brokerPort]);
	const owner = ownerAccount();
	const cliEnv = h.n8nEnv(n8n, { userFolder: START, port: N8N_PORT, brokerPort: cliBrokerPort });
	const cliLog = path.join(START, 'n8n-cli.log');
	const cli = async (args) => {
		const result = await h.n8nCli(n8n, cliEnv, args, { logFile: cliLog });
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${h.tail(result.output)}`);
		return result;
	};

	say('• importing the demo credentials and examples/*.json …');
	const credentialsFile = path.join(START, 'demo-credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(h.demoCredentials(emulator.url), null, 2), { mode: 0o600 });
	await cli(['import:credentials', `--input=${credentialsFile}`]);
	await cli(['import:workflow', '--separate', `--input=${path.join(h.ROOT, 'examples')}`]);
	for (const workflow of triggeredExamples()) {
		try {
			await cli(h.activateArgs(workflow.id));
		} catch (error) {
			say(`  could not publish "${workflow.name}": ${error.message.split('\n')[0]}`);
		}
	}

	say(`• n8n on 127.0.0.1:${N8N_PORT} …`);
	const env = h.n8nEnv(n8n, { userFolder: START, port: N8N_PORT, brokerPort, owner });
	const server = await h.startN8nServer(n8n, env, { logFile: path.join(START, 'n8n.log') });

	const examples = h.exampleFiles().map((file) => h.readJson(file));
	const published = new Set(triggeredExamples().map((workflow) => workflow.id));
	const editor = `http://127.0.0.1:${N8N_PORT}`;
	say('');
	say(`n8n is ready:   http://127.0.0.1:${N8N_PORT}`);
	say(`  e-mail:       ${owner.email}`);
	say(`  password:     ${owner.password}`);
	say(`emulator:       ${emulator.url}  (WeChat API stand-in; request log: ${emulator.url}/__emulator/log)`);
	say('credentials:    (pointing at the emulator; for your own accounts create new ones with the real values)');
	say(`  "${h.DEMO_CREDENTIAL.name}"  WeCom app: corp ${h.DEMO_APP.corpId}, agent ${h.DEMO_APP.agentId}, members zhangsan lisi wangwu`);
	say(`  "${h.DEMO_ROBOT_CREDENTIAL.name}"  group robot: webhook key ${h.DEMO_ROBOT.key}`);
	say(`  "${h.DEMO_OA_CREDENTIAL.name}"  Official Account ${h.DEMO_OA.appId}: followers o_demo_follower_1..5, tag 100 = the first three, template tmpl_demo_order_shipped`);
	say(`  "${h.DEMO_OPENAI_CREDENTIAL.name}"  n8n's OpenAI credential, Base URL ${emulator.url}/v1: a stand-in model (${h.DEMO_OPENAI.model}) that answers 你说：「…」, or what you script at /__emulator/openai/answers`);
	say('workflows:      (open one, click Execute workflow, then look at the emulator\'s request log)');
	for (const workflow of examples) {
		say(`  ${editor}/workflow/${workflow.id}  ${workflow.name}${published.has(workflow.id) ? '  [published: runs by its trigger]' : ''}`);
	}
	say(`logs:           ${path.relative(process.cwd(), path.join(START, 'n8n.log'))}, ${path.relative(process.cwd(), path.join(START, 'emulator.log'))}`);
	say('Press Ctrl-C to stop.');

	// Runs until Ctrl-C (the exit hooks stop both), or until one of the two dies on its own.
	const first = await Promise.race([server.exit.then(() => server), emulator.handle.exit.then(() => emulator.handle)]);
	if (stopping) return;
	say(`\n${first.name} stopped unexpectedly (exit ${first.exitCode}):\n${h.tail(first.output, 20)}`);
	await h.stopAll();
	process.exitCode = 1;
}

h.installExitHooks(() => {
	if (stopping) process.exit(130); // a second Ctrl-C: the exit hook kills what is left
	stopping = true;
	say('\nstopping n8n and the emulator …');
	h.stopAll().finally(() => {
		say('stopped.');
		process.exit(0);
	});
});

main().catch(async (error) => {
	if (stopping) return;
	console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
	await h.stopAll();
	process.exit(1);
});
