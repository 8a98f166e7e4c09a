import { startEmulator, type Emulator } from '../../emulator';
import { APP, sendMessage, text, tokenOf } from './helpers';

describe('emulator: enable_duplicate_check', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await tokenOf(emulator);
	});

	const checked = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...text(content), enable_duplicate_check: 1, ...extra });
	const delivered = (): number => emulator.state.wecom.messages.filter((message) => !message.deduplicated).length;

	it('does not deliver an identical message again within the interval and answers like the first time', async () => {
		const first = await sendMessage(emulator, token, checked('pay day'));
		const second = await sendMessage(emulator, token, checked('pay day'));
		expect(second.json).toEqual(first.json);
		const messages = emulator.state.wecom.messages;
		expect(messages).toHaveLength(2);
		expect(messages[1]).toMatchObject({ deduplicated: true, duplicateOf: first.json.msgid, delivery: { users: [] } });
		expect(delivered()).toBe(1);
	});

	it('delivers again without the flag, with other content or other recipients', async () => {
		await sendMessage(emulator, token, checked('a'));
		await sendMessage(emulator, token, text('a'));
		await sendMessage(emulator, token, checked('b'));
		await sendMessage(emulator, token, checked('a', { touser: 'lisi' }));
		expect(delivered()).toBe(4);
	});

	it('delivers again once the interval (default 1800 s, or duplicate_check_interval) has passed', async () => {
		await sendMessage(emulator, token, checked('a'));
		emulator.advanceTime(1799);
		await sendMessage(emulator, token, checked('a'));
		expect(delivered()).toBe(1);
		emulator.advanceTime(2);
		token = await tokenOf(emulator);
		await sendMessage(emulator, token, checked('a'));
		expect(delivered()).toBe(2);
		await sendMessage(emulator, token, checked('short', { duplicate_check_interval: 60 }));
		emulator.advanceTime(61);
		await sendMessage(emulator, token, checked('short', { duplicate_check_interval: 60 }));
		expect(delivered()).toBe(4);
	});

	it('suppresses a retried interaction card instead of refusing its task_id', async () => {
		const card = { card_type: 'button_interaction', main_title: { title: 'Go?' }, task_id: 'retry-1', button_list: [{ text: 'Go', key: 'go' }] };
		const body = { touser: 'zhangsan', msgtype: 'template_card', template_card: card, enable_duplicate_check: 1 };
		const first = await sendMessage(emulator, token, body);
		const retry = await sendMessage(emulator, token, body);
		expect(retry.json).toEqual(first.json);
		expect(retry.json.response_code).toEqual(expect.any(String));
	});
});
