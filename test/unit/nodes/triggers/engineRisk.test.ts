/**
 * When n8n's expression engine settings put WeChat callbacks at risk, and the one log line on activation that says
 * what to set. The settings are read as n8n's config package reads them (variable, else <variable>_FILE).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IHookFunctions } from 'n8n-workflow';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { WeComTrigger } from '../../../../nodes/WeComTrigger/WeComTrigger.node';
import { engineRisk, readEngineSettings, SAFE_POOL_SIZE } from '../../../../nodes/shared/webhook/engineRisk';
import { resetProcessState } from '../../../../nodes/shared/testSeam';

const ENV_NAMES = ['N8N_EXPRESSION_ENGINE', 'N8N_EXPRESSION_ENGINE_POOL_SIZE', 'N8N_EXPRESSION_ENGINE_POOL_SIZE_FILE'];
const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
beforeEach(() => {
	for (const name of ENV_NAMES) delete process.env[name];
	resetProcessState();
});
afterAll(() => {
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

const risk = (env: NodeJS.ProcessEnv) => engineRisk(readEngineSettings(env));

describe('the decision', () => {
	test("n8n's defaults (vm, a pool of 1) are at risk, and the advice names both ways out", () => {
		expect(readEngineSettings({})).toEqual({ engine: 'vm', poolSize: 1 });
		const advice = risk({});
		expect(advice).toContain('N8N_EXPRESSION_ENGINE_POOL_SIZE=1');
		expect(advice).toContain(`Set N8N_EXPRESSION_ENGINE_POOL_SIZE=${SAFE_POOL_SIZE} or more`);
		expect(advice).toContain('N8N_EXPRESSION_ENGINE=legacy');
	});

	test.each([
		[{ N8N_EXPRESSION_ENGINE: 'legacy' }, false],
		[{ N8N_EXPRESSION_ENGINE: '"legacy"' }, false], // n8n strips quotes
		[{ N8N_EXPRESSION_ENGINE_POOL_SIZE: String(SAFE_POOL_SIZE) }, false],
		[{ N8N_EXPRESSION_ENGINE: 'vm', N8N_EXPRESSION_ENGINE_POOL_SIZE: '8' }, false],
		[{ N8N_EXPRESSION_ENGINE: 'vm', N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' }, true],
		[{ N8N_EXPRESSION_ENGINE: 'quickjs' }, true],
		[{ N8N_EXPRESSION_ENGINE: 'nonsense' }, true], // n8n falls back to its default, vm
		[{ N8N_EXPRESSION_ENGINE_POOL_SIZE: 'many' }, true], // not a number: n8n keeps 1
		[{ N8N_EXPRESSION_ENGINE_POOL_SIZE: ' ' }, true],
	])('%j → at risk: %s', (env, atRisk) => {
		expect(risk(env) !== undefined).toBe(atRisk);
	});

	test('a pool size given as a file (N8N_EXPRESSION_ENGINE_POOL_SIZE_FILE) counts; the variable wins over it', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'engine-risk-')), 'pool');
		fs.writeFileSync(file, '6\n');
		expect(readEngineSettings({ N8N_EXPRESSION_ENGINE_POOL_SIZE_FILE: file }).poolSize).toBe(6);
		expect(
			readEngineSettings({ N8N_EXPRESSION_ENGINE_POOL_SIZE_FILE: file, N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' }).poolSize,
		).toBe(2);
		expect(risk({ N8N_EXPRESSION_ENGINE_POOL_SIZE_FILE: file })).toBeUndefined();
	});
});

describe('the log on activation', () => {
	/** n8n asks checkExists of each callback webhook when it activates a workflow. */
	const activate = async (node: WeChatOaTrigger | WeComTrigger, lines: string[]) => {
		const hook = { logger: { warn: (line: string) => lines.push(line) } } as unknown as IHookFunctions;
		return await node.webhookMethods.default.checkExists.call(hook);
	};

	test('is written once per process, whatever triggers are activated, and again by a new process', async () => {
		const lines: string[] = [];
		expect(await activate(new WeChatOaTrigger(), lines)).toBe(true);
		await activate(new WeChatOaTrigger(), lines);
		await activate(new WeComTrigger(), lines);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^WeChat callbacks are at risk with n8n's expression engine "vm"/);
		resetProcessState(); // a restarted n8n
		await activate(new WeComTrigger(), lines);
		expect(lines).toHaveLength(2);
	});

	test('says nothing when the settings are safe', async () => {
		process.env.N8N_EXPRESSION_ENGINE_POOL_SIZE = String(SAFE_POOL_SIZE);
		const lines: string[] = [];
		await activate(new WeChatOaTrigger(), lines);
		process.env.N8N_EXPRESSION_ENGINE = 'legacy';
		resetProcessState();
		await activate(new WeComTrigger(), lines);
		expect(lines).toEqual([]);
	});
});
