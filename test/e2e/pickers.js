'use strict';
/**
 * The recipient pickers in a real n8n: the editor's POST /rest/dynamic-node-parameters/options for WeCom Send's
 * member, department and tag lists and Group Chat's member list, with the demo credential, against the demo
 * directory test/emulator/main.ts seeds. n8n loads our methods, runs them with the stored credential, and the
 * lists come back as the editor would show them; the emulator saw the directory reads.
 */
const assert = require('node:assert');
const h = require('./host');

/** The demo directory of test/emulator/main.ts, as the pickers name it. */
const EXPECTED = {
	getMembers: [
		['李四 (lisi)', 'lisi'],
		['王五 (wangwu)', 'wangwu'],
		['张三 (zhangsan)', 'zhangsan'],
	],
	getDepartments: [
		['研发部 (2)', '2'],
		['总部 (1)', '1'],
	],
	getTags: [['经理 (1)', '1']],
};

const CASES = [
	{ node: 'weComSend', path: 'pickedUsers', methodName: 'getMembers', parameters: { resource: 'message', operation: 'sendText' } },
	{ node: 'weComSend', path: 'pickedParties', methodName: 'getDepartments', parameters: { resource: 'message', operation: 'sendText' } },
	{ node: 'weComSend', path: 'pickedTags', methodName: 'getTags', parameters: { resource: 'message', operation: 'sendText' } },
	{ node: 'weComGroupChat', path: 'pickedUserList', methodName: 'getMembers', parameters: { resource: 'appChat', operation: 'create' } },
];

async function loadOptions(ctx, { baseUrl, session }) {
	for (const testCase of CASES) {
		await ctx.checkAsync(`editor list ${testCase.node} → ${testCase.path} (POST /rest/dynamic-node-parameters/options, ${testCase.methodName})`, async () => {
			const mark = await ctx.emulator.mark();
			const options = await ctx.rest(baseUrl, session.cookie, 'POST', '/rest/dynamic-node-parameters/options', {
				nodeTypeAndVersion: { name: `${h.PACKAGE.name}.${testCase.node}`, version: 1 },
				path: testCase.path,
				methodName: testCase.methodName,
				currentNodeParameters: testCase.parameters,
				credentials: { weComApi: { id: h.DEMO_CREDENTIAL.id, name: h.DEMO_CREDENTIAL.name } },
			});
			assert.deepStrictEqual(
				options.map((option) => [option.name, option.value]),
				EXPECTED[testCase.methodName],
			);
			const reads = (await ctx.emulator.logSince(mark)).filter((entry) => /^\/cgi-bin\/(user|department|tag)\//.test(entry.path));
			assert.ok(reads.length > 0, 'the emulator saw no directory read');
			assert.ok(reads.every((entry) => entry.response?.errcode === 0), JSON.stringify(reads.map((entry) => entry.response)));
		});
	}
}

module.exports = { loadOptions };
