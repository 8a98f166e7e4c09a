import { startEmulator, type Emulator } from '../../emulator';
import { APP, sendMessage, tokenOf, type HttpResult } from './helpers';

/** Minimal valid cards of each type (reference B1.1). */
const CARDS: Record<string, Record<string, unknown>> = {
	text_notice: { card_type: 'text_notice', main_title: { title: '欢迎使用企业微信' }, card_action: { type: 1, url: 'https://work.weixin.qq.com' } },
	news_notice: {
		card_type: 'news_notice',
		main_title: { title: 'News' },
		card_image: { url: 'https://example.com/a.png', aspect_ratio: 2.25 },
		card_action: { type: 2, appid: 'wx123', pagepath: 'index' },
	},
	button_interaction: {
		card_type: 'button_interaction',
		main_title: { title: 'Approve?' },
		task_id: 'task-button-1',
		button_list: [{ text: 'Yes', style: 1, key: 'yes' }, { text: 'Docs', type: 1, url: 'https://example.com' }],
	},
	vote_interaction: {
		card_type: 'vote_interaction',
		main_title: { title: 'Vote' },
		task_id: 'task-vote-1',
		checkbox: { question_key: 'q1', mode: 1, option_list: [{ id: 'a', text: 'A', is_checked: true }, { id: 'b', text: 'B', is_checked: false }] },
		submit_button: { text: '提交', key: 'submit' },
	},
	multiple_interaction: {
		card_type: 'multiple_interaction',
		main_title: { title: 'Choose' },
		task_id: 'task-multi-1',
		select_list: [{ question_key: 'q1', title: 'Q1', option_list: [{ id: 'a', text: 'A' }] }],
		submit_button: { text: '提交', key: 'submit' },
	},
};

describe('emulator: template_card', () => {
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

	const sendCard = (template_card: Record<string, unknown>): Promise<HttpResult> => sendMessage(emulator, token, { touser: 'zhangsan', msgtype: 'template_card', template_card });

	const expectRefused = async (card: Record<string, unknown>, field: string): Promise<void> => {
		const { json } = await sendCard(card);
		expect(json.errcode).toBe(40058);
		expect(json.errmsg).toContain(`field ${field} is invalid`);
	};

	it.each(Object.keys(CARDS))('accepts a minimal %s card', async (type) => {
		const { json } = await sendCard(CARDS[type]);
		expect(json.errcode).toBe(0);
		expect(json.msgid).toEqual(expect.any(String));
	});

	it('returns a response_code only for the three interaction types', async () => {
		expect((await sendCard(CARDS.text_notice)).json.response_code).toBeUndefined();
		const { json } = await sendCard(CARDS.vote_interaction);
		expect(json.response_code).toEqual(expect.any(String));
		expect(emulator.state.wecom.responseCodes).toEqual([expect.objectContaining({ responseCode: json.response_code, msgid: json.msgid, agentId: APP.agentId })]);
	});

	it('refuses an unknown card_type', async () => {
		await expectRefused({ ...CARDS.text_notice, card_type: 'fancy' }, 'template_card.card_type');
	});

	it('requires card_action for the notice types, with a url or appid by type', async () => {
		await expectRefused({ ...CARDS.text_notice, card_action: undefined }, 'template_card.card_action');
		await expectRefused({ ...CARDS.news_notice, card_action: { type: 1 } }, 'template_card.card_action.url');
		await expectRefused({ ...CARDS.text_notice, card_action: { type: 0 } }, 'template_card.card_action.type');
	});

	it('requires a title: main_title.title, or sub_title_text for text_notice', async () => {
		await expectRefused({ ...CARDS.text_notice, main_title: undefined }, 'template_card.main_title.title');
		expect((await sendCard({ ...CARDS.text_notice, main_title: undefined, sub_title_text: 'sub' })).json.errcode).toBe(0);
		await expectRefused({ ...CARDS.button_interaction, main_title: { desc: 'd' } }, 'template_card.main_title.title');
	});

	it('requires card_image or image_text_area for news_notice', async () => {
		await expectRefused({ ...CARDS.news_notice, card_image: undefined }, 'template_card.card_image');
	});

	it('requires a task_id for interaction types and with action_menu, in the allowed alphabet', async () => {
		await expectRefused({ ...CARDS.button_interaction, task_id: undefined }, 'template_card.task_id');
		await expectRefused({ ...CARDS.button_interaction, task_id: 'has space' }, 'template_card.task_id');
		const menu = { desc: 'more', action_list: [{ text: 'Stop', key: 'stop' }] };
		await expectRefused({ ...CARDS.text_notice, action_menu: menu }, 'template_card.task_id');
		expect((await sendCard({ ...CARDS.text_notice, action_menu: menu, task_id: 'menu-1' })).json.errcode).toBe(0);
		await expectRefused({ ...CARDS.text_notice, task_id: 'menu-2', action_menu: { action_list: [] } }, 'template_card.action_menu.action_list');
	});

	it('requires each interaction type’s controls', async () => {
		await expectRefused({ ...CARDS.button_interaction, button_list: [] }, 'template_card.button_list');
		await expectRefused({ ...CARDS.button_interaction, button_list: [{ text: 'x' }] }, 'template_card.button_list[0].key');
		await expectRefused({ ...CARDS.vote_interaction, checkbox: undefined }, 'template_card.checkbox');
		await expectRefused({ ...CARDS.vote_interaction, submit_button: undefined }, 'template_card.submit_button');
		await expectRefused({ ...CARDS.multiple_interaction, select_list: undefined }, 'template_card.select_list');
		await expectRefused({ ...CARDS.multiple_interaction, submit_button: { text: 'x' } }, 'template_card.submit_button.key');
	});

	it('enforces list limits (horizontal 6, jump 3, vertical 4)', async () => {
		await expectRefused({ ...CARDS.text_notice, jump_list: Array(4).fill({ type: 1, title: 't', url: 'https://e.com' }) }, 'template_card.jump_list');
		await expectRefused({ ...CARDS.text_notice, horizontal_content_list: [{ value: 'no keyname' }] }, 'template_card.horizontal_content_list[0].keyname');
	});

	it('refuses a task_id the app already used', async () => {
		expect((await sendCard(CARDS.button_interaction)).json.errcode).toBe(0);
		await expectRefused(CARDS.button_interaction, 'template_card.task_id');
	});
});
