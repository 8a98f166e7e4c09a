import { isList, isRecord, nonEmptyString } from '../../core/json';
import { invalidField, type Violation } from '../violation';
import { fieldsOf, firstViolation } from './checks';
import type { ContentContext, ContentValidator } from './types';

/**
 * template_card (reference B1.1). Every refusal is 40058 naming the field, the way WeCom answers template
 * card mistakes. Unknown fields are ignored, as WeCom ignores them.
 */
const CARD_TYPES = ['text_notice', 'news_notice', 'button_interaction', 'vote_interaction', 'multiple_interaction'] as const;
type CardType = (typeof CARD_TYPES)[number];

/** The card types whose send returns a response_code and needs a task_id. */
export const INTERACTION_CARD_TYPES: ReadonlySet<string> = new Set<CardType>(['button_interaction', 'vote_interaction', 'multiple_interaction']);

/** "只能由数字、字母和"_-@"组成，最长128字节". */
const TASK_ID = /^[0-9A-Za-z_\-@]{1,128}$/;

const CARD = 'template_card';

function isCardType(value: unknown): value is CardType {
	return CARD_TYPES.some((type) => type === value);
}

export const templateCard: ContentValidator = (payload, ctx) => {
	if (!isRecord(payload)) return invalidField(CARD, 'required');
	const type = payload.card_type;
	if (!isCardType(type)) return invalidField(`${CARD}.card_type`, `must be one of ${CARD_TYPES.join(', ')}`);
	// update_template_card may put a vote/choice card into its submitted state: `replace_text` instead of the
	// controls, which the user can no longer use.
	const submitted = ctx.mode === 'update' && nonEmptyString(payload.replace_text);
	return firstViolation(
		() => taskIdViolation(payload, type, ctx),
		() => actionMenuViolation(payload.action_menu),
		() => mainTitleViolation(payload, type),
		() => cardActionViolation(payload.card_action, type),
		() => listViolation('horizontal_content_list', payload.horizontal_content_list, 6, 'keyname'),
		() => listViolation('jump_list', payload.jump_list, 3, 'title'),
		() => listViolation('vertical_content_list', payload.vertical_content_list, 4, 'title'),
		() => (type === 'news_notice' ? newsImageViolation(payload) : undefined),
		() => (submitted ? undefined : controlsViolation(payload, type)),
	);
};

/** The task_id a card carries, when it is a well-formed one. */
export function taskIdOf(card: unknown): string | undefined {
	const taskId = fieldsOf(card).task_id;
	return typeof taskId === 'string' && TASK_ID.test(taskId) ? taskId : undefined;
}

function taskIdViolation(card: Record<string, unknown>, type: CardType, ctx: ContentContext): Violation | undefined {
	const taskId = card.task_id;
	if (taskId === undefined) {
		// An update targets the card by response_code; the task_id stays the one it was sent with.
		if (ctx.mode === 'update') return undefined;
		if (INTERACTION_CARD_TYPES.has(type)) return invalidField(`${CARD}.task_id`, `required for ${type}`);
		if (card.action_menu !== undefined) return invalidField(`${CARD}.task_id`, 'required with action_menu');
		return undefined;
	}
	return typeof taskId === 'string' && TASK_ID.test(taskId) ? undefined : invalidField(`${CARD}.task_id`, 'at most 128 bytes of digits, letters and _-@');
}

function actionMenuViolation(menu: unknown): Violation | undefined {
	if (menu === undefined) return undefined;
	const list = fieldsOf(menu).action_list;
	if (!isList(list) || list.length < 1 || list.length > 3) return invalidField(`${CARD}.action_menu.action_list`, 'must hold 1 to 3 actions');
	const bad = list.findIndex((action) => !nonEmptyString(fieldsOf(action).text) || !nonEmptyString(fieldsOf(action).key));
	return bad < 0 ? undefined : invalidField(`${CARD}.action_menu.action_list[${bad}]`, 'text and key are required');
}

/** text_notice needs a main title or a sub-title text ("main_title.title和sub_title_text必须有一项填写"); the others a main title. */
function mainTitleViolation(card: Record<string, unknown>, type: CardType): Violation | undefined {
	if (card.main_title !== undefined && !isRecord(card.main_title)) return invalidField(`${CARD}.main_title`, 'must be an object');
	const hasTitle = nonEmptyString(fieldsOf(card.main_title).title);
	if (type === 'text_notice') {
		return hasTitle || nonEmptyString(card.sub_title_text) ? undefined : invalidField(`${CARD}.main_title.title`, 'main_title.title or sub_title_text is required');
	}
	return hasTitle ? undefined : invalidField(`${CARD}.main_title.title`, `required for ${type}`);
}

/** The whole-card click target: required for the notice types (1 = url, 2 = mini program); 0 = none. */
function cardActionViolation(action: unknown, type: CardType): Violation | undefined {
	const path = `${CARD}.card_action`;
	const notice = !INTERACTION_CARD_TYPES.has(type);
	if (action === undefined) return notice ? invalidField(path, `required for ${type}`) : undefined;
	const fields = fieldsOf(action);
	const allowed = notice ? [1, 2] : [0, 1, 2];
	if (!allowed.some((value) => value === fields.type)) return invalidField(`${path}.type`, `must be one of ${allowed.join(', ')}`);
	if (fields.type === 1 && !nonEmptyString(fields.url)) return invalidField(`${path}.url`, 'required when type is 1');
	if (fields.type === 2 && !nonEmptyString(fields.appid)) return invalidField(`${path}.appid`, 'required when type is 2');
	return undefined;
}

function listViolation(name: string, list: unknown, max: number, requiredKey: string): Violation | undefined {
	if (list === undefined) return undefined;
	if (!isList(list) || list.length > max) return invalidField(`${CARD}.${name}`, `must be an array of at most ${max} items`);
	const bad = list.findIndex((item) => !nonEmptyString(fieldsOf(item)[requiredKey]));
	return bad < 0 ? undefined : invalidField(`${CARD}.${name}[${bad}].${requiredKey}`, 'required');
}

/** "card_image 和 image_text_area 两者必填一个字段，不可都不填". */
function newsImageViolation(card: Record<string, unknown>): Violation | undefined {
	if (nonEmptyString(fieldsOf(card.card_image).url) || nonEmptyString(fieldsOf(card.image_text_area).image_url)) return undefined;
	return invalidField(`${CARD}.card_image`, 'card_image.url or image_text_area.image_url is required for news_notice');
}

/** The controls each interaction type needs to be usable. */
function controlsViolation(card: Record<string, unknown>, type: CardType): Violation | undefined {
	switch (type) {
		case 'button_interaction':
			return buttonListViolation(card.button_list);
		case 'vote_interaction':
			return firstViolation(
				() => optionsViolation(`${CARD}.checkbox`, card.checkbox, 20),
				() => submitButtonViolation(card.submit_button),
			);
		case 'multiple_interaction':
			return firstViolation(
				() => selectListViolation(card.select_list),
				() => submitButtonViolation(card.submit_button),
			);
		default:
			return undefined;
	}
}

/** 1 to 6 buttons, each with text and, by type, a callback key (0, default) or a url (1). */
function buttonListViolation(list: unknown): Violation | undefined {
	const path = `${CARD}.button_list`;
	if (!isList(list) || list.length < 1 || list.length > 6) return invalidField(path, 'must hold 1 to 6 buttons for button_interaction');
	for (const [index, button] of list.entries()) {
		const fields = fieldsOf(button);
		if (!nonEmptyString(fields.text)) return invalidField(`${path}[${index}].text`, 'required');
		if (fields.type === 1 ? !nonEmptyString(fields.url) : !nonEmptyString(fields.key)) {
			return invalidField(`${path}[${index}].${fields.type === 1 ? 'url' : 'key'}`, 'required');
		}
	}
	return undefined;
}

/** A question: `{question_key, option_list: [{id, text}]}` with 1 to `maxOptions` options. */
function optionsViolation(path: string, question: unknown, maxOptions: number): Violation | undefined {
	if (!isRecord(question)) return invalidField(path, 'required');
	if (!nonEmptyString(question.question_key)) return invalidField(`${path}.question_key`, 'required');
	const options = question.option_list;
	if (!isList(options) || options.length < 1 || options.length > maxOptions) return invalidField(`${path}.option_list`, `must hold 1 to ${maxOptions} options`);
	const bad = options.findIndex((option) => !nonEmptyString(fieldsOf(option).id) || !nonEmptyString(fieldsOf(option).text));
	return bad < 0 ? undefined : invalidField(`${path}.option_list[${bad}]`, 'id and text are required');
}

/** multiple_interaction: 1 to 3 drop-downs of 1 to 10 options each. */
function selectListViolation(list: unknown): Violation | undefined {
	const path = `${CARD}.select_list`;
	if (!isList(list) || list.length < 1 || list.length > 3) return invalidField(path, 'must hold 1 to 3 selections for multiple_interaction');
	for (const [index, question] of list.entries()) {
		const violation = optionsViolation(`${path}[${index}]`, question, 10);
		if (violation !== undefined) return violation;
	}
	return undefined;
}

function submitButtonViolation(button: unknown): Violation | undefined {
	const path = `${CARD}.submit_button`;
	if (!isRecord(button)) return invalidField(path, 'required');
	if (!nonEmptyString(button.text)) return invalidField(`${path}.text`, 'required');
	return nonEmptyString(button.key) ? undefined : invalidField(`${path}.key`, 'required');
}
