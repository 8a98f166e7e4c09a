'use strict';
/**
 * examples/oa-web-login.json (seed 004's web authorisation) in a REAL n8n, on the production URLs of the active
 * workflow: a browser opens /webhook/wechat-login/start, is redirected to the consent page (the emulator plays
 * open.weixin.qq.com as the demo account's first follower), comes back to /webhook/wechat-login?code&state and gets
 * the greeting page. A reload (the same code again) shows 登录失败 with errcode 40163, without the AppSecret; the
 * execution data holds no user token. callbacks.js imports and publishes `workflows()` with the callback
 * examples and calls `run` once n8n is up.
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');

const FILE = 'oa-web-login.json';
const VISITOR = 'o_demo_follower_1';

/** What callbacks.js imports and publishes for these checks. */
function workflows() {
	return [h.readJson(path.join(h.ROOT, 'examples', FILE))];
}

/** A GET that does not follow redirects, as we check each hop. */
async function hop(url) {
	const response = await fetch(url, { redirect: 'manual' });
	return {
		status: response.status,
		location: response.headers.get('location'),
		type: response.headers.get('content-type'),
		body: await response.text(),
	};
}

/** The emulator's request log for one path (neither run.js's nor the standalone emulator client filters by path). */
async function emulatorLog(emulatorUrl, pathname) {
	const response = await fetch(`${emulatorUrl}/__emulator/log?path=${encodeURIComponent(pathname)}`);
	assert.strictEqual(response.status, 200);
	return response.json();
}

/** n8n registers production webhooks ~1 s after start; the start URL answers 302 once it is. */
async function waitUntilRegistered(ctx, url) {
	await ctx.waitFor(`${url} to be registered`, 30_000, async () => {
		try {
			return (await hop(url)).status === 302 ? true : undefined;
		} catch {
			return undefined;
		}
	});
}

/** `s`: callbacks.js's scenario state (ctx, emulator, executions). */
async function run(s, { baseUrl }) {
	const [workflow] = workflows();
	const { ctx, emulator } = s;
	const startUrl = `${baseUrl}/webhook/wechat-login/start`;
	const loginUrl = `${baseUrl}/webhook/wechat-login`;
	const ready = await ctx.checkAsync(
		'web login: the start webhook answers on its production URL (active workflow)',
		() => waitUntilRegistered(ctx, `${startUrl}?state=ping`),
	);
	if (!ready) return;
	let landing;
	await ctx.checkAsync(
		'web login: start → 302 to the consent page with appid, encoded redirect_uri, scope, state',
		async () => {
			const start = await hop(`${startUrl}?state=e2e1`);
			assert.strictEqual(start.status, 302, start.body.slice(0, 300));
			const expected =
				`${emulator.url}/connect/oauth2/authorize?appid=${h.DEMO_OA.appId}&redirect_uri=${encodeURIComponent(loginUrl)}` +
				'&response_type=code&scope=snsapi_userinfo&state=e2e1#wechat_redirect';
			assert.strictEqual(start.location, expected);
			const consent = await hop(start.location.replace(/#wechat_redirect$/, ''));
			assert.strictEqual(consent.status, 302, consent.body.slice(0, 300));
			landing = new URL(consent.location);
			assert.strictEqual(`${landing.origin}${landing.pathname}`, loginUrl);
			assert.strictEqual(landing.searchParams.get('state'), 'e2e1');
			assert.match(landing.searchParams.get('code') ?? '', /\S{10,}/);
		},
	);
	if (!landing) return;
	await ctx.checkAsync(
		'web login: the redirect back gets the greeting page for the follower (openid, nickname)',
		async () => {
			const page = await hop(landing.toString());
			assert.strictEqual(page.status, 200, page.body.slice(0, 300));
			assert.match(page.type ?? '', /^text\/html/);
			assert.match(page.body, /<h1>你好，用户[^<]+！<\/h1>/);
			assert.ok(page.body.includes(`openid: ${VISITOR}`), page.body);
		},
	);
	await ctx.checkAsync(
		'web login: WeChat saw the code once with appid+secret, then sns/userinfo with the user token',
		async () => {
			const code = landing.searchParams.get('code');
			const exchange = (await emulatorLog(emulator.url, '/sns/oauth2/access_token')).filter(
				(entry) => entry.query.code === code,
			);
			assert.strictEqual(exchange.length, 1);
			assert.deepStrictEqual(exchange[0].query, {
				appid: h.DEMO_OA.appId,
				secret: h.DEMO_OA.appSecret,
				code,
				grant_type: 'authorization_code',
			});
			const userToken = exchange[0].response.access_token;
			const info = (await emulatorLog(emulator.url, '/sns/userinfo')).filter(
				(entry) => entry.query.access_token === userToken,
			);
			assert.strictEqual(info.length, 1);
			assert.deepStrictEqual(info[0].query, { access_token: userToken, openid: VISITOR, lang: 'zh_CN' });
		},
	);
	await ctx.checkAsync(
		'web login: a reload (same code) shows 登录失败 with errcode 40163, never the AppSecret',
		async () => {
			const page = await hop(landing.toString());
			assert.strictEqual(page.status, 200, page.body.slice(0, 300));
			assert.ok(page.body.includes('登录失败') && page.body.includes('40163'), page.body);
			assert.ok(!page.body.includes(h.DEMO_OA.appSecret), 'the AppSecret is on the page');
		},
	);
	await ctx.checkAsync("web login: no user token in n8n's execution data", async () => {
		const { results } = await s.executions.settle(workflow.id, 4);
		for (const summary of results) {
			const execution = await s.executions.data(summary.id);
			const text = JSON.stringify(execution.data?.resultData?.runData ?? {});
			assert.ok(!/"(access_token|refresh_token)"/.test(text), `execution ${summary.id} holds a user token`);
			assert.ok(!text.includes(h.DEMO_OA.appSecret), `execution ${summary.id} holds the AppSecret`);
		}
	});
}

module.exports = { workflows, run };
