/**
 * WeCom's rules for a template card (模板卡片), checked before sending whichever way the card was written
 * (form or JSON), so the user sees which field is wrong instead of errcode 40058 after the call.
 */
import type { IDataObject } from 'n8n-workflow';

export const CARD_TYPES = [
	'text_notice',
	'news_notice',
	'button_interaction',
	'vote_interaction',
	'multiple_interaction',
] as const;
export type CardType = (typeof CARD_TYPES)[number];

export const INTERACTIVE_CARD_TYPES: ReadonlySet<string> = new Set([
	'button_interaction',
	'vote_interaction',
	'multiple_interaction',
]);

export interface CardProblem {
	/** Path in WeCom's JSON, e.g. `template_card.button_list`. */
	path: string;
	problem: string;
}

const isObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const text = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

function checkCount(problems: CardProblem[], path: string, value: unknown, min: number, max: number): unknown[] {
	const list = listOf(value);
	if (value !== undefined && !list) problems.push({ path, problem: 'must be a list' });
	const count = list?.length ?? 0;
	if (count < min || count > max)
		problems.push({ path, problem: `needs ${min === max ? min : `${min} to ${max}`} entries, has ${count}` });
	return list ?? [];
}

function checkOptions(problems: CardProblem[], path: string, value: unknown, max: number): void {
	checkCount(problems, path, value, 1, max).forEach((option, index) => {
		if (!isObject(option) || !text(option.id) || !text(option.text))
			problems.push({ path: `${path}[${index}]`, problem: 'needs an id and a text' });
	});
}

/** Every problem found; an empty list means WeCom should accept the card. */
export interface CardRules {
	/** Update Template Card accepts the submitted-state text. */
	allowReplaceText?: boolean;
	/** Card types the target accepts; all five when absent. */
	allowedTypes?: readonly CardType[];
}

export function validateTemplateCard(card: unknown, options: CardRules = {}): CardProblem[] {
	const root = 'template_card';
	if (!isObject(card)) return [{ path: root, problem: 'must be a JSON object' }];
	const problems: CardProblem[] = [];
	const type = text(card.card_type);
	if (!(CARD_TYPES as readonly string[]).includes(type)) {
		return [{ path: `${root}.card_type`, problem: `"${type}" is not one of ${CARD_TYPES.join(', ')}` }];
	}
	if (options.allowedTypes && !options.allowedTypes.includes(type as CardType)) {
		return [
			{
				path: `${root}.card_type`,
				problem: `"${type}" is not accepted here; use ${options.allowedTypes.join(' or ')}`,
			},
		];
	}
	const taskId = text(card.task_id);
	if ((INTERACTIVE_CARD_TYPES.has(type) || card.action_menu !== undefined) && !taskId) {
		problems.push({
			path: `${root}.task_id`,
			problem: `is required for ${card.action_menu !== undefined ? 'a card with an action menu' : type}`,
		});
	}
	if (taskId && !/^[0-9A-Za-z_\-@]{1,128}$/.test(taskId)) {
		problems.push({
			path: `${root}.task_id`,
			problem: 'may only hold letters, digits and _-@, at most 128 characters',
		});
	}
	if (card.action_menu !== undefined) {
		const menu = card.action_menu;
		if (!isObject(menu)) problems.push({ path: `${root}.action_menu`, problem: 'must be an object' });
		else checkCount(problems, `${root}.action_menu.action_list`, menu.action_list, 1, 3);
	}
	const mainTitle = isObject(card.main_title) ? card.main_title : undefined;
	if (type !== 'news_notice' && !text(mainTitle?.title) && !text(mainTitle?.desc)) {
		problems.push({ path: `${root}.main_title.title`, problem: 'is required' });
	}
	if (type === 'text_notice' || type === 'news_notice') {
		const action = card.card_action;
		if (!isObject(action)) problems.push({ path: `${root}.card_action`, problem: `is required for ${type}` });
		else if (Number(action.type) === 1 && !text(action.url))
			problems.push({ path: `${root}.card_action.url`, problem: 'is required when type is 1 (URL)' });
		else if (Number(action.type) === 2 && !text(action.appid))
			problems.push({ path: `${root}.card_action.appid`, problem: 'is required when type is 2 (mini program)' });
		else if (![1, 2].includes(Number(action.type)))
			problems.push({
				path: `${root}.card_action.type`,
				problem: 'must be 1 (URL) or 2 (mini program) for notice cards',
			});
	}
	if (card.horizontal_content_list !== undefined)
		checkCount(problems, `${root}.horizontal_content_list`, card.horizontal_content_list, 0, 6);
	if (card.jump_list !== undefined) checkCount(problems, `${root}.jump_list`, card.jump_list, 0, 3);
	if (type === 'news_notice') {
		if (!isObject(card.card_image) && !isObject(card.image_text_area)) {
			problems.push({ path: `${root}.card_image`, problem: 'news_notice needs card_image or image_text_area' });
		}
		if (card.vertical_content_list !== undefined)
			checkCount(problems, `${root}.vertical_content_list`, card.vertical_content_list, 0, 4);
	}
	if (type === 'button_interaction') {
		checkCount(problems, `${root}.button_list`, card.button_list, 1, 6).forEach((button, index) => {
			if (!isObject(button) || !text(button.text) || (Number(button.type ?? 0) === 0 && !text(button.key))) {
				problems.push({ path: `${root}.button_list[${index}]`, problem: 'needs a text and a key' });
			}
		});
		if (card.button_selection !== undefined) {
			const selection = isObject(card.button_selection) ? card.button_selection : {};
			if (!text(selection.question_key))
				problems.push({ path: `${root}.button_selection.question_key`, problem: 'is required' });
			checkOptions(problems, `${root}.button_selection.option_list`, selection.option_list, 10);
		}
	}
	if (type === 'vote_interaction') {
		const checkbox = isObject(card.checkbox) ? card.checkbox : undefined;
		if (!checkbox) problems.push({ path: `${root}.checkbox`, problem: 'is required for vote_interaction' });
		else {
			if (!text(checkbox.question_key))
				problems.push({ path: `${root}.checkbox.question_key`, problem: 'is required' });
			checkOptions(problems, `${root}.checkbox.option_list`, checkbox.option_list, 20);
		}
	}
	if (type === 'multiple_interaction') {
		checkCount(problems, `${root}.select_list`, card.select_list, 1, 3).forEach((select, index) => {
			const path = `${root}.select_list[${index}]`;
			if (!isObject(select) || !text(select.question_key))
				problems.push({ path: `${path}.question_key`, problem: 'is required' });
			else checkOptions(problems, `${path}.option_list`, select.option_list, 10);
		});
	}
	if (type === 'vote_interaction' || type === 'multiple_interaction') {
		const submit = isObject(card.submit_button) ? card.submit_button : undefined;
		if (!submit || !text(submit.key))
			problems.push({ path: `${root}.submit_button.key`, problem: `is required for ${type}` });
	}
	if (card.replace_text !== undefined && !options.allowReplaceText) {
		problems.push({
			path: `${root}.replace_text`,
			problem: 'only applies when updating a submitted vote/multiple card',
		});
	}
	return problems;
}
