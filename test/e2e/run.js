#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite against a REAL n8n (2.41.1 on Node 24; this script runs on Node 20).
 *
 *   install   n8n + Node 24 from the cache (test/e2e/install-n8n.sh; ~4 min the first time, then instant)
 *   package   `npm pack` of this checkout (built by the caller: `npm run build`), installed into a fresh user
 *             folder exactly the way n8n installs a community package (see host.js installCommunityPackage)
 *   emulator  test/emulator on a random 127.0.0.1 port; the demo `weComApi`, `weComRobotApi` and `weChatOaApi`
 *             credentials pointing at it are imported with `n8n import:credentials`, every examples/*.json (plus
 *             the test workflows made by scenarios.js) with `n8n import:workflow`
 *   manual    examples/wecom-send-manual.json run twice by `n8n execute --id` (two separate processes): the exact
 *             message/send body, and ONE gettoken for both runs (the second process finds the token in the
 *             workflow's persisted static data, which holds it sealed: the exported workflow doesn't leak it)
 *   examples  the group chat, robot alert, OA mass send and OA template examples, each by `n8n execute --id`, a
 *             template and a mass send in n8n's Loop Over Items, and 50 robot messages in one execution
 *             (scenarios.js says what each asserts)
 *   schedule  examples/wecom-daily-push.json, unchanged, published and run by a real `n8n start` whose clock is
 *             set just before 08:05 Asia/Shanghai (fake-clock.js): the Schedule Trigger fires by itself and the
 *             WeCom Send after it posts "早上好，今日数据已更新（<today>）" to @all. `n8n execute` can't do this:
 *             it only starts workflows from a Manual / Execute Workflow trigger. Meanwhile, over REST: the owner
 *             from N8N_INSTANCE_OWNER_* logs in, every declared node/credential is loaded, action nodes are AI
 *             tools; afterwards the editor's "Execute workflow" (manual mode) of the manual example reuses the
 *             token in the server's memory. While the server runs: 25 robot messages at the real 20 a minute
 *             (started from the editor, overlapping the wait for the schedule), and each credential's "Test"
 *             button (POST /rest/credentials/test) with a wrong and the right value, and the Retry of a failed
 *             execution of WeChat OA Template (scenarios.js "retry").
 *   callbacks the four callback examples published and driven by the emulator's pusher in a second `n8n start`
 *             (callbacks.js says what each asserts)
 *
 * Prints `ok` / `not ok` per check, the time of each phase, and finally `N passed, N failed`; exits 1 on any
 * failure. Everything it starts listens on 127.0.0.1 and is stopped at the end, also on failure or Ctrl-C.
 * Work folder: .e2e/ in the repo, or E2E_WORK (git-ignored; wiped at the start of each run, kept afterwards for
 * inspection). Two runs at once need two work folders; ports are picked free.
 *
 * Environment: N8N_E2E_CACHE (install cache), E2E_N8N_PORT (5688), E2E_BROKER_PORT (5689),
 * E2E_SCHEDULE_LEAD_S (30: seconds between n8n's start and the scheduled fire).
 */
const assert = require('node:assert');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./host');
const scenarios = require('./scenarios');
const callbacks = require('./callbacks');
const editor = require('./editor');
const pickers = require('./pickers');
const { emulatorClient, outputItems, parseExecution, scheduleSecond, shanghaiDate } = require('./harness');

const WORK = process.env.E2E_WORK ? path.resolve(process.env.E2E_WORK) : path.join(h.ROOT, '.e2e');
const USER_FOLDER = path.join(WORK, 'home');
const LOGS = path.join(WORK, 'logs');
const MANUAL = readExample('wecom-send-manual.json');
const DAILY = readExample('wecom-daily-push.json');
const OWNER = { email: 'e2e-owner@example.com', password: `E2e-${crypto.randomBytes(6).toString('hex')}-Pw1` };
const SCHEDULE_LEAD_S = Number(process.env.E2E_SCHEDULE_LEAD_S || 30);

const results = [];
const timings = [];
let summaryPrinted = false;

function readExample(file) {
	return h.readJson(path.join(h.ROOT, 'examples', file));
}

// ---------------------------------------------------------------------------------------------- reporting

function record(name, ok, detail) {
	results.push({ name, ok, detail });
	if (ok) console.log(`ok - ${name}`);
	else console.log(`not ok - ${name}\n${indent(detail)}`);
	return ok;
}

/** One assertion: `fn` throws (assert.*) to fail. Returns whether it passed. */
function check(name, fn) {
	try {
		fn();
		return record(name, true);
	} catch (error) {
		return record(name, false, error instanceof Error ? error.message : String(error));
	}
}

async function phase(name, fn) {
	const started = Date.now();
	console.log(`\n# ${name}`);
	try {
		return await fn();
	} finally {
		timings.push({ name, ms: Date.now() - started });
	}
}

function indent(text) {
	return String(text ?? '')
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}

function printSummary() {
	if (summaryPrinted) return;
	summaryPrinted = true;
	console.log('\n# timings');
	for (const { name, ms } of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
	const failed = results.filter((result) => !result.ok);
	if (failed.length) {
		console.log('\n# failed');
		for (const result of failed) console.log(`  - ${result.name}`);
		console.log(`  work folder (logs, user folder): ${WORK}`);
	}
	console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
}

// ---------------------------------------------------------------------------------------------- helpers

function nodeOfType(workflow, type) {
	const node = workflow.nodes.find((candidate) => candidate.type === type);
	if (!node) throw new Error(`${workflow.id}: no ${type} node`);
	return node;
}

// ---------------------------------------------------------------------------------------------- the suite

async function main() {
	fs.rmSync(WORK, { recursive: true, force: true });
	fs.mkdirSync(LOGS, { recursive: true });

	const n8n = await phase('install n8n + Node 24 (install-n8n.sh; cached after the first run)', () => h.installN8n());
	console.log(`n8n ${n8n.version} in ${n8n.cache}`);

	const packed = await phase('npm pack', () => h.packPackage(WORK));
	console.log(path.relative(h.ROOT, packed.tarball));
	check('the tarball holds every file package.json "n8n" declares', () => {
		const declared = [...h.PACKAGE.n8n.credentials, ...h.PACKAGE.n8n.nodes];
		assert.deepStrictEqual(declared.filter((file) => !packed.files.includes(file)), []);
	});

	const installed = await phase('install the tarball the way n8n installs a community package', () =>
		h.installCommunityPackage(n8n, packed.tarball, USER_FOLDER),
	);
	console.log(`npm ${installed.npmArgs.join(' ')}  (in ${path.relative(h.ROOT, installed.packageDir)})`);
	check('no second copy of n8n-workflow (peer dependency left to n8n)', () => {
		assert.deepStrictEqual(h.findInstalledCopies(installed.nodesDir, 'n8n-workflow'), []);
		assert.strictEqual(installed.manifest.peerDependencies, undefined);
	});
	check('runtime dependencies installed next to the package', () => {
		const missing = Object.keys(installed.manifest.dependencies ?? {}).filter(
			(name) => !fs.existsSync(path.join(installed.packageDir, 'node_modules', name, 'package.json')),
		);
		assert.deepStrictEqual(missing, []);
	});

	const ports = {};
	ports.emulator = await h.pickPort(0);
	ports.n8n = await h.pickPort(Number(process.env.E2E_N8N_PORT || 5688), [ports.emulator]);
	ports.broker = await h.pickPort(Number(process.env.E2E_BROKER_PORT || 5689), [ports.emulator, ports.n8n]);
	ports.cliBroker = await h.pickPort(ports.broker + 1, [ports.emulator, ports.n8n, ports.broker]);
	console.log(`ports: ${JSON.stringify(ports)}`);

	const started = await phase('start the emulator', () => h.startEmulator(ports.emulator, { logFile: path.join(LOGS, 'emulator.log') }));
	const emulator = emulatorClient(started.url);
	await emulator.reset();

	// CLI commands and the server use the same user folder; the CLI's task broker gets its own port (G6).
	const cliEnv = h.n8nEnv(n8n, { userFolder: USER_FOLDER, port: ports.n8n, brokerPort: ports.cliBroker });
	const cli = (args, logName, { nodeArgs = [], env = {} } = {}) =>
		h.n8nCli(n8n, { ...cliEnv, ...env }, args, { nodeArgs, logFile: path.join(LOGS, `${logName}.log`) });
	const ctx = { check, checkAsync, phase, cli, emulator, parseExecution, outputItems, rest: h.rest, waitFor: h.waitFor };

	await phase('import the credentials and the example workflows', async () => {
		// examples/*.json as they are, and the suite's own workflows, from one folder: one CLI start.
		const workflowsDir = path.join(WORK, 'workflows');
		const testFiles = scenarios.writeTestFiles(workflowsDir, emulator.url);
		const examples = h.exampleFiles();
		for (const file of examples) fs.copyFileSync(file, path.join(workflowsDir, path.basename(file)));
		const credentialsFile = path.join(WORK, 'credentials.json');
		const demo = h.demoCredentials(emulator.url);
		fs.writeFileSync(credentialsFile, JSON.stringify([...demo, ...testFiles.credentials], null, 2));
		const credentials = await cli(['import:credentials', `--input=${credentialsFile}`], 'import-credentials');
		check(`n8n import:credentials (${demo.map((credential) => credential.type).join(', ')} and a second robot → the emulator)`, () => {
			assert.strictEqual(credentials.code, 0, h.tail(credentials.output));
			assert.match(credentials.output, new RegExp(`Successfully imported ${demo.length + testFiles.credentials.length} credentials`));
		});
		const workflows = await cli(['import:workflow', '--separate', `--input=${workflowsDir}`], 'import-workflows');
		check(`n8n import:workflow of every examples/*.json (${examples.length}) and ${testFiles.workflows.length} test workflows`, () => {
			assert.strictEqual(workflows.code, 0, h.tail(workflows.output));
			assert.match(workflows.output, new RegExp(`Successfully imported ${examples.length + testFiles.workflows.length} workflows?`));
		});
		scenarios.checkExampleCredentials(ctx);
	});

	const sendNode = nodeOfType(MANUAL, 'n8n-nodes-wecom-oa.weComSend');
	const expectedManualBody = {
		touser: 'zhangsan|lisi',
		msgtype: 'text',
		agentid: h.DEMO_APP.agentId,
		text: { content: sendNode.parameters.content },
	};
	let firstToken;
	for (const round of [1, 2]) {
		const result = await phase(`n8n execute --id=${MANUAL.id} (run ${round}, own process)`, () =>
			cli(['execute', `--id=${MANUAL.id}`, '--rawOutput'], `execute-manual-${round}`),
		);
		check(`run ${round}: n8n execute exits 0`, () => assert.strictEqual(result.code, 0, h.tail(result.output)));
		check(`run ${round}: WeCom Send outputs one item with the msgid`, () => {
			const execution = parseExecution(result.stdout);
			assert.strictEqual(execution.status, 'success');
			const items = outputItems(execution, sendNode.name);
			assert.strictEqual(items.length, 1);
			assert.ok(items[0].json.msgid, `no msgid in ${JSON.stringify(items[0].json)}`);
			assert.strictEqual(items[0].json.partialDelivery, false);
		});
		const tokens = await emulator.log('/cgi-bin/gettoken');
		const sends = await emulator.log('/cgi-bin/message/send');
		check(`run ${round}: message/send received the exact JSON body`, () => {
			assert.strictEqual(sends.length, round, `message/send calls: ${sends.length}`);
			assert.deepStrictEqual(sends[round - 1].json, expectedManualBody);
			assert.strictEqual(sends[round - 1].response?.errcode, 0, JSON.stringify(sends[round - 1].response));
		});
		check(`run ${round}: exactly 1 gettoken so far${round > 1 ? ' (token reused from persisted static data)' : ''}`, () => {
			assert.strictEqual(tokens.length, 1, `gettoken calls: ${tokens.length}`);
			assert.deepStrictEqual(
				{ corpid: tokens[0].query.corpid, corpsecret: tokens[0].query.corpsecret },
				{ corpid: h.DEMO_APP.corpId, corpsecret: h.DEMO_APP.corpSecret },
			);
			firstToken = tokens[0].response?.access_token;
			assert.ok(firstToken, 'gettoken answered no access_token');
			assert.strictEqual(sends[round - 1]?.query.access_token, firstToken);
		});
	}

	await phase('export the workflow: token persisted, sealed', async () => {
		const file = path.join(WORK, 'exported-manual.json');
		const exported = await cli(['export:workflow', `--id=${MANUAL.id}`, `--output=${file}`], 'export-manual');
		check('static data holds the token cache, but not the token or the secret', () => {
			assert.strictEqual(exported.code, 0, h.tail(exported.output));
			const [workflow] = h.readJson(file);
			const staticData = JSON.stringify(workflow.staticData ?? {});
			assert.notStrictEqual(staticData, '{}', 'the workflow has no static data: the token cache was not persisted');
			const text = fs.readFileSync(file, 'utf8');
			assert.ok(firstToken && !text.includes(firstToken), 'the exported workflow contains the raw access_token');
			assert.ok(!text.includes(h.DEMO_APP.corpSecret), 'the exported workflow contains the corp secret');
		});
	});

	await scenarios.groupChatExample(ctx);
	await scenarios.robotAlertExample(ctx);
	await scenarios.massSendExample(ctx);
	await scenarios.templateExample(ctx);
	await scenarios.publishExample(ctx);
	await scenarios.menuExample(ctx);
	await scenarios.loopOverItems(ctx);
	await scenarios.failingTemplateRun(ctx);
	await scenarios.robotBatch(ctx);

	await phase(`n8n ${h.activateArgs(DAILY.id).join(' ')}`, async () => {
		const published = await cli(h.activateArgs(DAILY.id), 'publish-daily');
		check('the daily push is published (active at the next start)', () => assert.strictEqual(published.code, 0, h.tail(published.output)));
	});

	await scheduleRun({ n8n, ports, emulator, ctx });

	// The callback examples on the production URLs of active workflows, in an n8n server of their own (callbacks.js).
	await callbacks.run(ctx, { n8n, ports, userFolder: USER_FOLDER, logs: LOGS, owner: OWNER });

	// n8n's editor in a real browser (editor.js): its own server on the same user folder; PNGs into the work folder.
	await editor.run(ctx, { n8n, ports, userFolder: USER_FOLDER, logs: LOGS, owner: OWNER, shotsDir: path.join(WORK, 'screenshots') });
}

/**
 * The unchanged daily-push example in a real `n8n start`, its clock set SCHEDULE_LEAD_S before today's 08:05
 * (Asia/Shanghai) fire. If n8n needs longer than that to activate it (a very slow machine), the fire would be
 * tomorrow: then it is retried once with twice the lead.
 */
async function scheduleRun({ n8n, ports, emulator, ctx }) {
	const trigger = nodeOfType(DAILY, 'n8n-nodes-base.scheduleTrigger');
	const baseUrl = `http://127.0.0.1:${ports.n8n}`;

	for (const lead of [SCHEDULE_LEAD_S, SCHEDULE_LEAD_S * 2]) {
		const today = shanghaiDate();
		// n8n 2.x fires at a second hashed from the ids; 1.x draws it at random on each activation, so there the
		// wait covers the whole minute.
		const knownSecond = h.N8N_MAJOR >= 2;
		const second = String(knownSecond ? scheduleSecond(DAILY.id, trigger.id) : 0).padStart(2, '0');
		const fireAt = Date.parse(`${today}T08:05:${second}+08:00`);
		const fireSpreadMs = knownSecond ? 0 : 59_000;
		const fireLabel = knownSecond ? `at 08:05:${second}` : 'within 08:05 (n8n 1.x draws the second at random)';
		const fakeStart = new Date(fireAt - lead * 1000).toISOString();
		const sendsBefore = (await emulator.log('/cgi-bin/message/send')).length;
		const tokensBefore = (await emulator.log('/cgi-bin/gettoken')).length;
		const env = h.n8nEnv(n8n, {
			userFolder: USER_FOLDER,
			port: ports.n8n,
			brokerPort: ports.broker,
			owner: OWNER,
			extra: { E2E_FAKE_START: fakeStart },
		});
		const spawnedAt = Date.now();
		let realPace;
		const server = await phase(`n8n start (clock at ${today} 08:05:${second} Asia/Shanghai minus ${lead} s)`, () =>
			h.startN8nServer(n8n, env, { logFile: path.join(LOGS, 'n8n-server.log'), nodeArgs: ['-r', path.join(__dirname, 'fake-clock.js')] }),
		);
		try {
			const readyAfter = Date.now() - spawnedAt;
			console.log(`n8n ready after ${(readyAfter / 1000).toFixed(1)} s at ${baseUrl}`);
			if (readyAfter > (lead - 2) * 1000) {
				console.log(`n8n took longer than the ${lead} s lead: today's 08:05 may have passed on its clock; retrying`);
				if (lead !== SCHEDULE_LEAD_S) record('n8n starts within the schedule lead', false, `ready after ${readyAfter} ms`);
				continue;
			}

			await phase('REST checks while the schedule is pending', async () => {
				let session;
				const loggedIn = await checkAsync('POST /rest/login with the env-managed owner', async () => {
					session = await h.login(baseUrl, OWNER.email, OWNER.password);
					assert.strictEqual(session.user.email, OWNER.email);
				});
				if (!loggedIn) return;
				await checkLoadedTypes(baseUrl, session.cookie);
				await checkAsync('the daily push is active after the restart', async () => {
					const workflow = await h.rest(baseUrl, session.cookie, 'GET', `/rest/workflows/${DAILY.id}`);
					assert.ok(workflow.active === true || Boolean(workflow.activeVersionId), `active=${workflow.active} activeVersionId=${workflow.activeVersionId}`);
				});
				server.session = session;
				// Runs for a minute in this server, overlapping the wait for the schedule; its checks come at the end.
				realPace = await scenarios.startRealPaceRun(ctx, { baseUrl, session });
			});

			const expectedContent = `早上好，今日数据已更新（${today}）`;
			let send;
			await phase('wait for the Schedule Trigger to fire', async () => {
				const fired = await checkAsync(`the Schedule Trigger fires ${fireLabel} and WeCom Send posts`, async () => {
					const timeoutMs = Math.max(0, spawnedAt + lead * 1000 + fireSpreadMs - Date.now()) + 30_000;
					const sends = await h.waitFor('message/send from the schedule', timeoutMs, async () => {
						const all = await emulator.log('/cgi-bin/message/send');
						return all.length > sendsBefore ? all : undefined;
					});
					send = sends[sendsBefore];
				});
				if (!fired) return;
				check('daily push: message/send received the exact JSON body', () => {
					// n8n evaluates expressions in an isolate whose clock fake-clock.js doesn't shift, so $now there is
					// the real time; it is the same calendar day in China by construction, unless midnight just passed.
					const realToday = shanghaiDate();
					const content = send.json?.text?.content === `早上好，今日数据已更新（${realToday}）` ? send.json.text.content : expectedContent;
					assert.deepStrictEqual(send.json, {
						touser: '@all',
						msgtype: 'text',
						agentid: h.DEMO_APP.agentId,
						text: { content },
					});
					assert.strictEqual(send.response?.errcode, 0, JSON.stringify(send.response));
				});
				const tokens = await emulator.log('/cgi-bin/gettoken');
				check('daily push: one new gettoken (a new workflow in a new process), its token used', () => {
					assert.strictEqual(tokens.length - tokensBefore, 1, `new gettoken calls: ${tokens.length - tokensBefore}`);
					assert.strictEqual(send.query.access_token, tokens[tokens.length - 1].response?.access_token);
				});
				const after = await h.delay(1500).then(() => emulator.log('/cgi-bin/message/send'));
				check('daily push: exactly one message (no double fire)', () => assert.strictEqual(after.length - sendsBefore, 1));
				if (server.session) {
					await checkAsync('daily push: n8n recorded a successful execution in trigger mode', async () => {
						const execution = await h.waitFor('the execution record', 15_000, async () => {
							const filter = encodeURIComponent(JSON.stringify({ workflowId: DAILY.id }));
							const list = await h.rest(baseUrl, server.session.cookie, 'GET', `/rest/executions?filter=${filter}`);
							const found = (list.results ?? list).find((entry) => entry.status !== 'running' && entry.status !== 'new');
							return found;
						});
						assert.deepStrictEqual({ mode: execution.mode, status: execution.status }, { mode: 'trigger', status: 'success' });
					});
				}
			});
			if (server.session) {
				await manualRunInServer({ baseUrl, session: server.session, emulator });
				// After the schedule and manual checks: a test of weComApi calls gettoken, which they count.
				await phase('credential "Test" buttons (POST /rest/credentials/test)', () => scenarios.credentialTests(ctx, { baseUrl, session: server.session }));
				await phase('recipient pickers in the editor (POST /rest/dynamic-node-parameters/options)', () => pickers.loadOptions(ctx, { baseUrl, session: server.session }));
				await phase('Retry of the failed template execution (POST /rest/executions/:id/retry)', () =>
					scenarios.retryFailedTemplateRun(ctx, { baseUrl, session: server.session }),
				);
			}
			if (realPace) await realPace();
			return;
		} finally {
			await phase('stop n8n', () => h.stopChild(server, 30_000));
		}
	}
}

/**
 * What the editor offers, from /types/*.json: every node and credential package.json's "n8n" field declares
 * (names by the file convention: dist/nodes/WeComSend/WeComSend.node.js -> weComSend), and an AI-tool variant
 * (<name>Tool, generated by n8n for usableAsTool) of every action node, none of a trigger.
 */
async function checkLoadedTypes(baseUrl, cookie) {
	const lowerFirst = (text) => text.charAt(0).toLowerCase() + text.slice(1);
	const declaredNodes = h.PACKAGE.n8n.nodes.map((file) => `${h.PACKAGE.name}.${lowerFirst(path.basename(file, '.node.js'))}`);
	const declaredCredentials = h.PACKAGE.n8n.credentials.map((file) => lowerFirst(path.basename(file, '.credentials.js')));
	let nodeTypes;
	await checkAsync(`n8n loaded the package's ${declaredNodes.length} node(s) and ${declaredCredentials.length} credential(s)`, async () => {
		const get = async (pathname) => {
			const response = await fetch(`${baseUrl}${pathname}`, { headers: { cookie } });
			if (!response.ok) throw new Error(`GET ${pathname} answered ${response.status}`);
			return (await response.json()).map((type) => type.name);
		};
		nodeTypes = new Set(await get('/types/nodes.json'));
		const credentialTypes = new Set(await get('/types/credentials.json'));
		assert.deepStrictEqual(
			{ nodes: declaredNodes.filter((name) => !nodeTypes.has(name)), credentials: declaredCredentials.filter((name) => !credentialTypes.has(name)) },
			{ nodes: [], credentials: [] },
			'declared but not loaded',
		);
	});
	if (!nodeTypes) return;
	// WeCom AI Bot Reply answers one WeCom AI-bot callback (its stream): an agent could not call it as a tool (issue 10).
	const NOT_TOOLS = new Set([`${h.PACKAGE.name}.weComAiBotReply`]);
	check('every action node is usable as an AI tool (but WeCom AI Bot Reply), no trigger is', () => {
		const wrong = declaredNodes.filter(
			(name) => nodeTypes.has(`${name}Tool`) === (/Trigger$/.test(name) || NOT_TOOLS.has(name)),
		);
		assert.deepStrictEqual(wrong, []);
	});
}

/**
 * The editor's "Execute workflow" button (POST /rest/workflows/:id/run, manual mode) on the manual example, in
 * the server that just ran the daily push: the token that push fetched is in this process's memory, shared by
 * every workflow using the same credential, so no gettoken.
 */
async function manualRunInServer({ baseUrl, session, emulator }) {
	await phase('"Execute workflow" in the editor (manual mode, same server)', async () => {
		const trigger = nodeOfType(MANUAL, 'n8n-nodes-base.manualTrigger');
		const sendNode = nodeOfType(MANUAL, 'n8n-nodes-wecom-oa.weComSend');
		const sendsBefore = await emulator.log('/cgi-bin/message/send');
		const tokensBefore = await emulator.log('/cgi-bin/gettoken');
		let executionId;
		const ran = await checkAsync('manual run from the editor: the execution succeeds', async () => {
			const workflow = await h.rest(baseUrl, session.cookie, 'GET', `/rest/workflows/${MANUAL.id}`);
			({ executionId } = await h.rest(baseUrl, session.cookie, 'POST', `/rest/workflows/${MANUAL.id}/run`, {
				workflowData: workflow,
				triggerToStartFrom: { name: trigger.name },
			}));
			const execution = await h.waitFor('the manual execution to finish', 30_000, async () => {
				const record = await h.rest(baseUrl, session.cookie, 'GET', `/rest/executions/${executionId}`);
				return record.finished || !['new', 'running'].includes(record.status) ? record : undefined;
			});
			assert.deepStrictEqual({ mode: execution.mode, status: execution.status }, { mode: 'manual', status: 'success' });
		});
		if (!ran) return;
		const sends = await emulator.log('/cgi-bin/message/send');
		const tokens = await emulator.log('/cgi-bin/gettoken');
		check('manual run from the editor: the exact message/send body, token from process memory (no gettoken)', () => {
			assert.strictEqual(sends.length - sendsBefore.length, 1, `new message/send calls: ${sends.length - sendsBefore.length}`);
			assert.deepStrictEqual(sends[sends.length - 1].json, {
				touser: 'zhangsan|lisi',
				msgtype: 'text',
				agentid: h.DEMO_APP.agentId,
				text: { content: sendNode.parameters.content },
			});
			assert.strictEqual(tokens.length, tokensBefore.length, `new gettoken calls: ${tokens.length - tokensBefore.length}`);
			assert.strictEqual(sends[sends.length - 1].query.access_token, tokens[tokens.length - 1].response?.access_token);
		});
	});
}

async function checkAsync(name, fn) {
	try {
		await fn();
		return record(name, true);
	} catch (error) {
		return record(name, false, error instanceof Error ? error.message : String(error));
	}
}

let interrupted = false;
h.installExitHooks((signal) => {
	if (interrupted) process.exit(1); // a second signal: the exit hook kills what is left
	interrupted = true;
	record(`interrupted by ${signal}`, false, 'stopped before the end');
	h.stopAll().finally(() => {
		printSummary();
		process.exit(1);
	});
});

main()
	.catch((error) => record('suite aborted', false, error instanceof Error ? error.stack ?? error.message : String(error)))
	.finally(async () => {
		const started = Date.now();
		await h.stopAll();
		timings.push({ name: 'stop everything', ms: Date.now() - started });
		printSummary();
		process.exitCode = results.some((result) => !result.ok) ? 1 : 0;
	});
