#!/usr/bin/env node
'use strict';
/**
 * n8n's editor in a real browser: Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core
 * (no browser download), against an `n8n start` with this package, the demo credentials and the examples.
 *
 *   login      the owner signs in through the sign-in form
 *   search     the node panel, in English and Chinese, finds every node of ours (package.json "n8n".nodes, read
 *              at run time), triggers included (n8n lists "X Trigger" inside the "X" entry when there is one)
 *   panels     every node of ours opened, every resource and operation chosen in turn: each panel renders, with no
 *              console error and no failed request; the fixture test/e2e/fixtures/broken-panel must be flagged on
 *              its broken operation and only there (proof that the walk can fail)
 *   credential a new WeCom credential created in the dialog: saving tests it, the success shows
 *   options    WeChat OA Template's template list loads from the emulator
 *   examples   every manual-trigger example: Execute workflow, our node's output items in its panel
 *   shots      one PNG per node panel and the quick-start canvas, fixed viewport, light theme; a shot whose page
 *              had a console error fails the run
 *
 * In the e2e suite (run.js) it starts its own server after the callbacks phase and writes the PNGs into the work
 * folder. Standalone, `npm run screenshots` (= build + `node test/e2e/editor.js`) sets up a fresh n8n + emulator and
 * writes them into docs/images/ (SCREENSHOTS_DIR overrides).
 */
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./host');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling Google's hosts, which this network refuses.
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const VIEWPORT = { width: 1280, height: 800 };
const WAIT_MS = 20_000; // the bound of every single wait for the page
const FIXTURE_DIR = path.join(__dirname, 'fixtures', 'broken-panel');
const FIXTURE_TYPE = 'CUSTOM.brokenPanel';
const PANELS_WORKFLOW = { id: 'editor-panels', name: 'Editor test: every node of the package' };
/** The quick start's workflow (what `npm start` opens first), by its ID. */
const QUICK_START = h.readJson(path.join(h.ROOT, 'examples', 'wecom-send-manual.json')).id;

/** Chinese (and English) search terms, with the node names (package.json file names) each must find. */
const SEARCHES = [
	['企业微信', (name) => name.startsWith('WeCom')],
	['公众号', (name) => name.startsWith('WeChatOa')],
	['触发', (name) => name.endsWith('Trigger')],
	['回复', (name) => name.endsWith('Reply')],
	['群机器人', (name) => name === 'WeComGroupChat'],
	['群发', (name) => name === 'WeChatOaMassSend'],
	['模板消息', (name) => name === 'WeChatOaTemplate'],
	['草稿箱', (name) => name === 'WeChatOa'],
	['二维码', (name) => name === 'WeChatOa'],
	['通讯录', (name) => name === 'WeComContacts'],
	['微信客服', (name) => name.startsWith('WeComKf')],
	['智能机器人', (name) => name.startsWith('WeComAiBot')],
];

function lowerFirst(text) {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Our node types, from package.json (dist/nodes/WeComSend/WeComSend.node.js -> weComSend). */
function declaredNodes() {
	return h.PACKAGE.n8n.nodes.map((file) => {
		const name = path.basename(file, '.node.js');
		return { name, type: `${h.PACKAGE.name}.${lowerFirst(name)}` };
	});
}

function optionsOf(property) {
	return (property?.options ?? []).filter((option) => option.value !== undefined && typeof option.name === 'string');
}

/** Every (resource, operation) pair of a node description, by display name, in the order the panel offers them. */
function operationPairs(description) {
	const resource = description.properties.find(
		(property) => property.name === 'resource' && property.type === 'options',
	);
	if (!resource) return [];
	return optionsOf(resource).flatMap((res) =>
		description.properties
			.filter(
				(property) =>
					property.name === 'operation' && (property.displayOptions?.show?.resource ?? []).includes(res.value),
			)
			.flatMap(optionsOf)
			.map((operation) => ({ resource: res.name, operation: operation.name })),
	);
}

// ---------------------------------------------------------------------------------------------- the page

/**
 * What went wrong on a page: console errors, uncaught exceptions, and n8n's own requests that failed (status
 * >= 400 or no answer). Everything outside n8n's origin is blocked (nothing may leave loopback) and not counted.
 */
function watchPage(page, baseUrl) {
	const problems = [];
	let pending = 0;
	const ours = (url) => url.startsWith(baseUrl);
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const where = message.location()?.url ?? '';
		if (where && !ours(where)) return;
		problems.push(`console error: ${message.text().slice(0, 300)}`);
	});
	page.on('pageerror', (error) => problems.push(`uncaught: ${error.message.slice(0, 300)}`));
	page.on('request', (request) => ours(request.url()) && pending++);
	page.on('requestfinished', (request) => ours(request.url()) && pending--);
	page.on('requestfailed', (request) => {
		if (!ours(request.url())) return;
		pending--;
		const reason = request.failure()?.errorText ?? '';
		// A navigation cancels the lazy chunks of the page it leaves: not a failure of the page.
		if (reason !== 'net::ERR_ABORTED')
			problems.push(`request failed: ${request.method()} ${new URL(request.url()).pathname} ${reason}`);
	});
	page.on('response', (response) => {
		if (ours(response.url()) && response.status() >= 400) {
			problems.push(`HTTP ${response.status()}: ${response.request().method()} ${new URL(response.url()).pathname}`);
		}
	});
	return {
		/** The problems since the last call. */
		take: () => problems.splice(0),
		/** Until n8n's requests have been quiet for a moment (bounded). */
		async settle(quietMs = 120) {
			const deadline = Date.now() + WAIT_MS;
			let quietSince = Date.now();
			while (Date.now() < deadline) {
				if (pending > 0) quietSince = Date.now();
				else if (Date.now() - quietSince >= quietMs) return;
				await page.waitForTimeout(50);
			}
		},
	};
}

async function launch(baseUrl) {
	let chromium;
	try {
		({ chromium } = require('playwright-core'));
	} catch {
		throw new Error('playwright-core is not installed: npm ci');
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		timeout: WAIT_MS * 3,
	});
	const context = await browser.newContext({
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		colorScheme: 'light',
		locale: 'en-US',
		timezoneId: 'Asia/Shanghai',
	});
	context.setDefaultTimeout(WAIT_MS);
	await context.route(
		(url) => !url.href.startsWith(baseUrl),
		(route) => route.abort(),
	);
	// n8n follows the system theme unless told otherwise: light, always.
	await context.addInitScript(() => window.localStorage.setItem('N8N_THEME', 'light'));
	// No CSS transitions or animations: each dropdown otherwise takes ~0.3 s to open and again to close, and a click
	// waits for the option to stop moving; over the ~240 choices of the panel walk that was minutes. Vue finishes a
	// transition of zero duration at once, so nothing waits for an end event.
	await context.addInitScript(() => {
		const still = () => {
			const style = document.createElement('style');
			style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
			document.head.appendChild(style);
		};
		if (document.head) still();
		else document.addEventListener('DOMContentLoaded', still);
	});
	const page = await context.newPage();
	// Leaving a workflow with unsaved changes asks "leave the page?": leave (a dismissed dialog would keep the old page).
	page.on('dialog', (dialog) => dialog.accept().catch(() => undefined));
	return { browser, page, watcher: watchPage(page, baseUrl) };
}

async function signIn(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	const form = page.locator('[data-test-id="signin-form"]');
	await form.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
	await form.locator('input[name="password"]').fill(owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: WAIT_MS });
}

/**
 * Opens the panel of node `nodeId`: on the workflow's canvas already, by a double click on the node, as a user does
 * (a reload of the editor costs seconds each time); otherwise by the node's URL.
 */
async function openNode(page, baseUrl, workflowId, nodeId) {
	if (new URL(page.url()).pathname.startsWith(`/workflow/${workflowId}`)) {
		const ndv = page.locator('[data-test-id="ndv"]');
		if (await ndv.isVisible()) {
			await ndv.locator('[data-test-id="ndv-close-button"]').click();
			await ndv.waitFor({ state: 'hidden' });
		}
		await page.locator(`.vue-flow__node[data-id="${nodeId}"] [data-test-id="canvas-node"]`).dblclick();
	} else {
		await page.goto(`${baseUrl}/workflow/${workflowId}/${nodeId}`);
	}
	await page.waitForURL((url) => url.pathname.endsWith(`/${nodeId}`));
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible' });
	await page.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible' });
}

/**
 * Picks `name` in the options parameter `parameter` of the open panel; returns the value the field shows then.
 * Right after another field changed, the list can still be the one from before (n8n re-renders the panel a moment
 * later): then the list is closed and opened again until `name` is offered, within WAIT_MS.
 */
async function choose(page, parameter, name) {
	const field = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]`);
	const options = page.locator('.el-select-dropdown__item:visible');
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		await field.click();
		await options.first().waitFor({ state: 'visible' });
		const texts = await options.allInnerTexts();
		const index = texts.findIndex((text) => text.split('\n')[0].trim() === name);
		if (index >= 0) {
			await options.nth(index).click();
			break;
		}
		if (Date.now() > deadline)
			throw new Error(`${parameter}: no option "${name}" in [${texts.map((text) => text.split('\n')[0]).join(', ')}]`);
		await field.click(); // closes the list (Escape could close the panel instead)
		await options
			.first()
			.waitFor({ state: 'hidden' })
			.catch(() => undefined);
		await page.waitForTimeout(250);
	}
	await options
		.first()
		.waitFor({ state: 'hidden' })
		.catch(() => undefined);
	return field.locator('input').first().inputValue();
}

/** The panel's parameter column (plus a margin), for a small screenshot. */
async function panelClip(page) {
	const ndv = await page.locator('[data-test-id="ndv"]').boundingBox();
	const parameters = await page.locator('[data-test-id="node-parameters"]').boundingBox();
	if (!ndv || !parameters) return undefined;
	const x = Math.max(ndv.x, parameters.x - 16);
	return { x, y: ndv.y, width: Math.min(parameters.width + 32, ndv.x + ndv.width - x), height: ndv.height };
}

// ---------------------------------------------------------------------------------------------- the checks

async function searchChecks(ctx, { page, baseUrl, nodes, descriptions }) {
	// n8n shows "X Trigger" inside the entry of the action node "X" when there is one.
	const listedAs = (node) => {
		const display = descriptions.get(node.type)?.displayName ?? node.name;
		const host = nodes.find(
			(other) => descriptions.get(other.type)?.displayName === display.replace(/ Trigger$/, '') && other !== node,
		);
		return (host ?? node).type;
	};
	await page.goto(`${baseUrl}/workflow/${QUICK_START}`);
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const bar = page.locator('[data-test-id="node-creator-search-bar"]');
	await bar.waitFor({ state: 'visible' });
	const found = new Set();
	const search = async (term) => {
		await bar.fill(term);
		await page.waitForTimeout(400); // the panel filters as one types
		const ids = await page
			.locator('[data-test-id="node-creator"] [data-keyboard-nav-id]')
			.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-keyboard-nav-id')));
		const types = new Set(ids.map((id) => id.replace(/-[0-9a-f]{8}-[0-9a-f-]{27}$/, '')));
		for (const type of types) found.add(type);
		return types;
	};
	const terms = [
		...SEARCHES.filter(([, matches]) => nodes.some((node) => matches(node.name))),
		...nodes.map((node) => [descriptions.get(node.type)?.displayName ?? node.name, (name) => name === node.name]),
	];
	for (const [term, matches] of terms) {
		const expected = nodes.filter((node) => matches(node.name));
		await ctx.checkAsync(
			`editor: node panel search "${term}" finds ${expected.map((node) => node.name).join(', ')}`,
			async () => {
				const types = await search(term);
				assert.deepStrictEqual(
					expected.filter((node) => !types.has(listedAs(node))).map((node) => node.name),
					[],
					`listed: ${[...types].join(', ')}`,
				);
			},
		);
	}
	ctx.check(`editor: the searches together found all ${nodes.length} nodes of ours`, () =>
		assert.deepStrictEqual(
			nodes.filter((node) => !found.has(listedAs(node))).map((node) => node.name),
			[],
		),
	);
	await page.keyboard.press('Escape');
}

/**
 * Opens one node and walks its resources and operations. Returns [{ step, problems }] for each step with
 * problems (empty: all clean). Takes the panel screenshot (default state) when `shot` is given.
 */
async function walkPanel({ page, watcher, baseUrl }, node, description, shot) {
	const failures = [];
	const note = (step) => {
		const problems = watcher.take();
		if (problems.length) failures.push({ step, problems });
	};
	watcher.take();
	await openNode(page, baseUrl, PANELS_WORKFLOW.id, node.id);
	await watcher.settle();
	note('open');
	if (shot) {
		await page.mouse.move(0, 0);
		await page.screenshot({ path: shot, clip: await panelClip(page) });
	}
	let resource;
	for (const pair of operationPairs(description)) {
		const step = `${pair.resource} → ${pair.operation}`;
		try {
			if (pair.resource !== resource) {
				const shown = await choose(page, 'resource', pair.resource);
				assert.strictEqual(shown, pair.resource, 'resource field');
				resource = pair.resource;
			}
			const shown = await choose(page, 'operation', pair.operation);
			assert.strictEqual(shown, pair.operation, 'operation field');
			await watcher.settle();
			await page.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible' });
		} catch (error) {
			watcher.take();
			failures.push({ step, problems: [error instanceof Error ? error.message.split('\n')[0] : String(error)] });
			continue;
		}
		note(step);
	}
	return failures;
}

function panelWorkflow(nodes, credentialsByType) {
	return {
		name: PANELS_WORKFLOW.name,
		nodes: nodes.map((node, index) => ({
			id: `editor-${index}`,
			name: node.label,
			type: node.type,
			typeVersion: 1,
			position: [(index % 5) * 260, Math.floor(index / 5) * 220],
			parameters: {},
			...(node.credential &&
				credentialsByType[node.credential] && {
					credentials: { [node.credential]: credentialsByType[node.credential] },
				}),
		})),
		connections: {},
		settings: {},
	};
}

async function panelChecks(ctx, env, { nodes, descriptions, withFixture, shotsDir }) {
	const credentialsByType = Object.fromEntries(
		[h.DEMO_CREDENTIAL, h.DEMO_ROBOT_CREDENTIAL, h.DEMO_OA_CREDENTIAL, h.DEMO_AIBOT_CREDENTIAL].map((c) => [
			c.type,
			{ id: c.id, name: c.name },
		]),
	);
	const listed = [...nodes, ...(withFixture ? [{ name: 'BrokenPanel', type: FIXTURE_TYPE }] : [])].map((node) => ({
		...node,
		label: descriptions.get(node.type)?.displayName ?? node.name,
		credential: descriptions.get(node.type)?.credentials?.[0]?.name,
	}));
	const workflow = panelWorkflow(listed, credentialsByType);
	const created = await h.rest(env.baseUrl, env.cookie, 'POST', '/rest/workflows', workflow);
	PANELS_WORKFLOW.id = created.id;
	workflow.nodes.forEach((node, index) => (listed[index].id = node.id));
	for (const node of listed) {
		const description = descriptions.get(node.type);
		if (!description) {
			ctx.check(`editor: ${node.name} is a node type the editor knows`, () =>
				assert.fail(`${node.type} not in /types/nodes.json`),
			);
			continue;
		}
		const pairs = operationPairs(description).length;
		if (node.type === FIXTURE_TYPE) {
			await ctx.checkAsync(
				'editor: the walk flags the broken fixture panel on its broken operation only (the check can fail)',
				async () => {
					const failures = await walkPanel(env, node, description);
					assert.deepStrictEqual(
						failures.map((failure) => failure.step),
						['Thing → Broken'],
						JSON.stringify(failures, null, 1),
					);
					assert.ok(
						failures[0].problems.some((problem) => /dynamic-node-parameters/.test(problem)),
						failures[0].problems.join('\n'),
					);
				},
			);
			continue;
		}
		const shot = shotsDir ? path.join(shotsDir, `${lowerFirst(node.name)}.png`) : undefined;
		await ctx.checkAsync(
			`editor: ${node.label} panel renders${pairs ? ` through all ${pairs} operations` : ''}, no console error, no failed request`,
			async () => {
				const failures = await walkPanel(env, node, description, shot);
				assert.deepStrictEqual(failures, []);
			},
		);
	}
}

async function gettokenCount(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/log?path=${encodeURIComponent('/cgi-bin/gettoken')}`);
	return (await response.json()).length;
}

async function credentialCheck(ctx, { page, watcher, baseUrl }, emulatorUrl) {
	await ctx.checkAsync(
		'editor: a new WeCom credential, saved in the dialog: its test succeeds, Retry tests it again against the emulator',
		async () => {
			await openNode(page, baseUrl, PANELS_WORKFLOW.id, 'editor-0');
			watcher.take();
			await page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"]').click();
			await page.locator('[data-test-id="node-credentials-select-item-new"]').click();
			const dialog = page.locator('[data-test-id="editCredential-modal"]');
			await dialog.waitFor({ state: 'visible' });
			const fill = (name, value) =>
				dialog.locator(`[data-test-id="parameter-input-${name}"] input`).first().fill(String(value));
			await fill('corpId', h.DEMO_APP.corpId);
			await fill('corpSecret', h.DEMO_APP.corpSecret);
			await fill('agentId', h.DEMO_APP.agentId);
			await fill('baseUrl', emulatorUrl);
			await dialog.locator('[data-test-id="credential-save-button"]').click();
			// Saved from a node, the dialog closes and the node takes the new credential; opened again, it shows the
			// test's result, and Retry tests again.
			await dialog.waitFor({ state: 'hidden' });
			await page.locator('[data-test-id="ndv"] [data-test-id="credential-edit-button"]').click();
			const success = dialog.locator('[data-test-id="credentials-config-container-test-success"]');
			await success.waitFor({ state: 'visible' });
			const tokensBefore = await gettokenCount(emulatorUrl);
			await dialog.getByRole('button', { name: 'Retry' }).click();
			await success.waitFor({ state: 'visible' });
			await h.waitFor(
				'the test to reach the emulator',
				WAIT_MS,
				async () => (await gettokenCount(emulatorUrl)) > tokensBefore || undefined,
			);
			await watcher.settle();
			assert.deepStrictEqual(watcher.take(), []);
			await page.keyboard.press('Escape');
		},
	);
}

async function loadOptionsCheck(ctx, { page, watcher, baseUrl }, templateNode) {
	await ctx.checkAsync('editor: WeChat OA Template lists the templates from the emulator', async () => {
		await openNode(page, baseUrl, PANELS_WORKFLOW.id, templateNode.id);
		// The walk through every operation may have left (and n8n saved) another one: choose Template Message → Send.
		assert.strictEqual(await choose(page, 'resource', 'Template Message'), 'Template Message', 'resource field');
		assert.strictEqual(await choose(page, 'operation', 'Send'), 'Send', 'operation field');
		await watcher.settle(); // the template list is requested as the field appears
		watcher.take();
		await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-templateId"]').click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.filter({ hasText: '订单发货通知' }).first().waitFor({ state: 'visible' });
		const texts = (await options.allInnerTexts()).map((text) => text.split('\n')[0]);
		assert.ok(
			texts.some((text) => text.includes('任务完成通知')),
			texts.join(', '),
		);
		await watcher.settle();
		assert.deepStrictEqual(watcher.take(), []);
		await page.keyboard.press('Escape');
	});
}

/** Every example started by a click: Execute workflow, then our node's output in its panel. */
async function exampleChecks(ctx, env, { shotsDir }) {
	const { page, watcher, baseUrl } = env;
	const ours = `${h.PACKAGE.name}.`;
	const manual = h
		.exampleFiles()
		.map((file) => h.readJson(file))
		.filter((workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'));
	for (const workflow of manual) {
		const node = workflow.nodes.find((candidate) => candidate.type.startsWith(ours));
		if (!node) continue;
		await ctx.checkAsync(
			`editor: example "${workflow.name}": Execute workflow, ${node.name}'s output in its panel`,
			async () => {
				await page.goto(`${baseUrl}/workflow/${workflow.id}`);
				const run = page.locator('[data-test-id="execute-workflow-button"]');
				await run.waitFor({ state: 'visible' });
				watcher.take();
				await run.click();
				await page
					.locator('[data-test-id="canvas-node-status-success"]')
					.first()
					.waitFor({ state: 'visible', timeout: WAIT_MS * 2 });
				await watcher.settle();
				if (workflow.id === QUICK_START && shotsDir) {
					await page.mouse.move(0, 0);
					await page.screenshot({ path: path.join(shotsDir, 'quick-start.png') });
				}
				const problems = watcher.take();
				// A double click, not the node's URL: a reload would drop the run's data from the editor.
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`).dblclick();
				const output = page.locator('[data-test-id="ndv"] [data-test-id="output-panel"]');
				await output.waitFor({ state: 'visible' });
				await output
					.getByText(/^\d+ items?$/)
					.first()
					.waitFor({ state: 'visible' });
				assert.deepStrictEqual([...problems, ...watcher.take()], []);
			},
		);
	}
}

/**
 * The whole browser part against a running n8n: `env` = { baseUrl, owner, emulatorUrl }.
 * `withFixture`: the server loaded test/e2e/fixtures/broken-panel. `shotsDir`: where the PNGs go.
 */
async function drive(ctx, { baseUrl, owner, emulatorUrl, withFixture, shotsDir }) {
	if (shotsDir) fs.mkdirSync(shotsDir, { recursive: true });
	const { browser, page, watcher } = await launch(baseUrl);
	try {
		const env = { page, watcher, baseUrl };
		const signedIn = await ctx.checkAsync('editor: the owner signs in through the form', () =>
			signIn(page, baseUrl, owner),
		);
		if (!signedIn) return;
		const session = await h.login(baseUrl, owner.email, owner.password);
		env.cookie = session.cookie;
		const response = await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie: session.cookie } });
		const descriptions = new Map((await response.json()).map((type) => [type.name, type]));
		const nodes = declaredNodes();
		watcher.take(); // the sign-in page asks for a session before there is one (401): expected

		await ctx.phase('editor: node panel search', () => searchChecks(ctx, { page, baseUrl, nodes, descriptions }));
		await ctx.phase('editor: every node panel, every resource and operation', () =>
			panelChecks(ctx, env, { nodes, descriptions, withFixture, shotsDir }),
		);
		await ctx.phase('editor: credential dialog and load options', async () => {
			await credentialCheck(ctx, env, emulatorUrl);
			const template = nodes.findIndex((node) => node.name === 'WeChatOaTemplate');
			if (template >= 0) await loadOptionsCheck(ctx, env, { id: `editor-${template}` });
		});
		await ctx.phase('editor: examples, Execute workflow', () => exampleChecks(ctx, env, { shotsDir }));
	} finally {
		await browser.close();
	}
}

/** In the e2e suite: an n8n server of its own on the suite's user folder (credentials and examples imported). */
async function run(ctx, { n8n, ports, userFolder, logs, owner, shotsDir }) {
	if (h.N8N_MAJOR < 2) {
		console.log(`\n# editor: skipped on n8n ${h.N8N_VERSION} (its selectors are n8n 2.x's editor)`);
		return;
	}
	const env = h.n8nEnv(n8n, {
		userFolder,
		port: ports.n8n,
		brokerPort: ports.broker,
		owner,
		extra: { N8N_CUSTOM_EXTENSIONS: FIXTURE_DIR },
	});
	const server = await ctx.phase('editor: n8n start', () =>
		h.startN8nServer(n8n, env, { logFile: path.join(logs, 'n8n-editor.log') }),
	);
	try {
		await drive(ctx, {
			baseUrl: `http://127.0.0.1:${ports.n8n}`,
			owner,
			emulatorUrl: ctx.emulator.url,
			withFixture: true,
			shotsDir,
		});
	} finally {
		await ctx.phase('editor: stop n8n', () => h.stopChild(server, 30_000));
	}
}

module.exports = { run, drive, operationPairs, watchPage };

// ---------------------------------------------------------------------------------------------- standalone

/**
 * A Chinese font installed for fontconfig (Chromium's font source here), or an error: without one the screenshots
 * show 企业微信 and the console menu paths in the hints as empty boxes. .ci/run installs fonts-wqy-zenhei.
 */
function chineseFont() {
	const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
	const family = listed.status === 0 ? listed.stdout.split('\n')[0].split(',')[0].trim() : '';
	if (!family) throw new Error('no Chinese font (fc-list :lang=zh is empty): apt-get install fonts-wqy-zenhei');
	return family;
}

/** `npm run screenshots`: a fresh n8n + emulator with the demo data, the browser checks, PNGs into docs/images. */
async function standalone() {
	const results = [];
	const record = (name, ok, detail) => {
		results.push(ok);
		console.log(ok ? `ok - ${name}` : `not ok - ${name}\n    ${String(detail).split('\n').join('\n    ')}`);
		return ok;
	};
	const ctx = {
		check: (name, fn) => {
			try {
				fn();
				return record(name, true);
			} catch (error) {
				return record(name, false, error.message);
			}
		},
		checkAsync: async (name, fn) => {
			try {
				await fn();
				return record(name, true);
			} catch (error) {
				return record(name, false, error.message);
			}
		},
		phase: async (name, fn) => {
			console.log(`\n# ${name}`);
			return fn();
		},
	};
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wecom-oa-screenshots-'));
	const shotsDir = path.resolve(process.env.SCREENSHOTS_DIR || path.join(h.ROOT, 'docs', 'images'));
	try {
		h.assertBuilt();
		console.log(`Chinese text in the screenshots: ${chineseFont()}`);
		const n8n = h.installN8n();
		const { tarball } = await h.packPackage(work);
		await h.installCommunityPackage(n8n, tarball, work);
		const emulatorPort = await h.pickPort(0);
		const port = await h.pickPort(0, [emulatorPort]);
		const brokerPort = await h.pickPort(0, [emulatorPort, port]);
		const emulator = await h.startEmulator(emulatorPort, { logFile: path.join(work, 'emulator.log') });
		const owner = { email: 'demo@example.com', password: 'Screenshots-1-Demo' };
		const cliEnv = h.n8nEnv(n8n, { userFolder: work, port, brokerPort });
		const credentialsFile = path.join(work, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(h.demoCredentials(emulator.url)));
		for (const args of [
			['import:credentials', `--input=${credentialsFile}`],
			['import:workflow', '--separate', `--input=${path.join(h.ROOT, 'examples')}`],
		]) {
			const result = await h.n8nCli(n8n, cliEnv, args, { logFile: path.join(work, 'n8n-cli.log') });
			if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${h.tail(result.output)}`);
		}
		const server = await h.startN8nServer(n8n, h.n8nEnv(n8n, { userFolder: work, port, brokerPort, owner }), {
			logFile: path.join(work, 'n8n.log'),
		});
		try {
			await drive(ctx, {
				baseUrl: `http://127.0.0.1:${port}`,
				owner,
				emulatorUrl: emulator.url,
				withFixture: false,
				shotsDir,
			});
		} finally {
			await h.stopChild(server, 30_000);
		}
	} catch (error) {
		record('screenshots run', false, error.stack ?? error.message);
	} finally {
		await h.stopAll();
	}
	const failed = results.filter((ok) => !ok).length;
	console.log(
		`\n${results.length - failed} passed, ${failed} failed; screenshots in ${path.relative(process.cwd(), shotsDir)} (work folder ${work})`,
	);
	process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
	h.installExitHooks(() => h.stopAll().finally(() => process.exit(1)));
	standalone();
}
