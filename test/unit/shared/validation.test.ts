import { validateTemplateCard } from '../../../nodes/shared/descriptions/templateCard/validate';
import { idList } from '../../../nodes/shared/descriptions/wecomRecipients';
import { checkMedia, WECOM_MEDIA_RULES } from '../../../nodes/shared/media/limits';
import { sniff } from '../../../nodes/shared/media/sniff';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

test('ID lists accept pipes, commas, Chinese commas and arrays', () => {
	expect(idList('a|b, c，d')).toEqual(['a', 'b', 'c', 'd']);
	expect(idList(['x', ' y ', ''])).toEqual(['x', 'y']);
	expect(idList(12)).toEqual(['12']);
	expect(idList('')).toEqual([]);
});

test('media limits: type by content, size by rule', () => {
	expect(sniff(png)).toBe('png');
	expect(checkMedia(png, WECOM_MEDIA_RULES.image)).toBeUndefined();
	expect(checkMedia(Buffer.from('GIF89a0000000'), WECOM_MEDIA_RULES.image)?.problem).toMatch(/not JPG or PNG.*GIF/);
	expect(checkMedia(Buffer.alloc(3), WECOM_MEDIA_RULES.file)?.problem).toMatch(/only 3 bytes/);
	const big = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]);
	expect(checkMedia(big, WECOM_MEDIA_RULES.uploadimg)?.problem).toMatch(/over WeChat's 2 MB limit/);
	expect(checkMedia(Buffer.from('#!AMR\n0000'), WECOM_MEDIA_RULES.voice)).toBeUndefined();
});

test('template card rules per card type', () => {
	const paths = (card: unknown) => validateTemplateCard(card).map((p) => p.path);
	expect(paths({ card_type: 'text_notice', main_title: { title: 't' }, card_action: { type: 1, url: 'https://x' } })).toEqual([]);
	expect(paths({ card_type: 'text_notice', main_title: { title: 't' } })).toEqual(['template_card.card_action']);
	expect(paths({ card_type: 'button_interaction', main_title: { title: 't' }, button_list: [] })).toEqual([
		'template_card.task_id',
		'template_card.button_list',
	]);
	expect(paths({ card_type: 'vote_interaction', task_id: 't1', main_title: { title: 't' } })).toEqual([
		'template_card.checkbox',
		'template_card.submit_button.key',
	]);
	expect(paths({ card_type: 'multiple_interaction', task_id: 't1', main_title: { title: 't' }, select_list: [{ question_key: 'q', option_list: [] }], submit_button: { key: 'k' } })).toEqual([
		'template_card.select_list[0].option_list',
	]);
	expect(paths({ card_type: 'news_notice', card_action: { type: 1, url: 'https://x' } })).toEqual(['template_card.card_image']);
	expect(paths({ card_type: 'oops' })).toEqual(['template_card.card_type']);
	expect(paths('nope')).toEqual(['template_card']);
	expect(paths({ card_type: 'text_notice', main_title: { title: 't' }, card_action: { type: 1, url: 'https://x' }, action_menu: { desc: 'd', action_list: [{ text: 'a', key: 'b' }] } })).toEqual(['template_card.task_id']);
});
