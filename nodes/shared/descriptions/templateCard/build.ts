/** Builds WeCom's template_card object from the form or the JSON field, then validates it. */
import type { IDataObject } from 'n8n-workflow';
import { FieldError } from '../../execution/errors';
import type { ItemContext } from '../../execution/itemContext';
import { validateTemplateCard, type CardRules } from './validate';

/** "a=b" lines → pairs; a line without "=" is an error that names the field. */
export function pairLines(value: unknown, field: string): Array<[string, string]> {
	return String(value ?? '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const at = line.indexOf('=');
			if (at <= 0)
				throw new FieldError(field, `the line "${line}" is not key=value`, 'Write one entry per line, e.g. yes=同意.');
			return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
		});
}

const optionList = (value: unknown, field: string) => pairLines(value, field).map(([id, text]) => ({ id, text }));

function fromJson(ctx: ItemContext): IDataObject {
	const raw = ctx.param<unknown>('cardJson', '');
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	try {
		const parsed: unknown = JSON.parse(String(raw));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch (error) {
		throw new FieldError(
			'Template Card JSON',
			`is not valid JSON (${(error as Error).message})`,
			'Fix the JSON, e.g. check quotes and commas.',
		);
	}
	throw new FieldError(
		'Template Card JSON',
		'is not a JSON object',
		'Paste the template_card object: { "card_type": …, … }.',
	);
}

function fromForm(ctx: ItemContext): IDataObject {
	const type = ctx.param<string>('cardType');
	const extra = ctx.param<IDataObject>('cardFields', {});
	const card: IDataObject = { card_type: type };
	const str = (name: string) => ctx.text(name);
	const taskId = str('taskId');
	if (taskId) card.task_id = taskId;
	const title = str('mainTitle');
	const desc = str('mainTitleDesc');
	if (title || desc) card.main_title = { ...(title && { title }), ...(desc && { desc }) };
	const actionType = Number(ctx.param<number>('cardActionType', 1));
	if (actionType === 1) card.card_action = { type: 1, url: str('cardActionUrl') };
	if (actionType === 2)
		card.card_action = { type: 2, appid: str('cardActionAppid'), pagepath: str('cardActionPagepath') };
	if (actionType === 0 && type !== 'text_notice' && type !== 'news_notice') card.card_action = { type: 0 };

	if (extra.sourceIconUrl || extra.sourceDesc) {
		card.source = {
			icon_url: extra.sourceIconUrl ?? '',
			desc: extra.sourceDesc ?? '',
			desc_color: Number(extra.sourceDescColor ?? 0),
		};
	}
	if (extra.subTitleText) card.sub_title_text = extra.subTitleText;
	if (extra.quoteText || extra.quoteTitle) {
		card.quote_area = {
			type: extra.quoteUrl ? 1 : 0,
			...(extra.quoteUrl ? { url: extra.quoteUrl } : {}),
			title: extra.quoteTitle ?? '',
			quote_text: extra.quoteText ?? '',
		};
	}
	if (extra.horizontalContent) {
		card.horizontal_content_list = pairLines(extra.horizontalContent, 'Key/Value Lines').map(([keyname, value]) => ({
			keyname,
			value,
		}));
	}
	if (extra.jumpLinks)
		card.jump_list = pairLines(extra.jumpLinks, 'Links').map(([linkTitle, url]) => ({
			type: 1,
			title: linkTitle,
			url,
		}));
	if (extra.menuActions || extra.menuDesc) {
		card.action_menu = {
			desc: extra.menuDesc ?? '',
			action_list: pairLines(extra.menuActions, 'Menu Actions').map(([text, key]) => ({ text, key })),
		};
	}

	if (type === 'text_notice') {
		const emphasisTitle = str('emphasisTitle');
		const emphasisDesc = str('emphasisDesc');
		if (emphasisTitle || emphasisDesc) card.emphasis_content = { title: emphasisTitle, desc: emphasisDesc };
	}
	if (type === 'news_notice') {
		card.card_image = { url: str('cardImageUrl'), aspect_ratio: ctx.param<number>('cardImageAspectRatio', 2.25) };
		if (extra.verticalContent)
			card.vertical_content_list = pairLines(extra.verticalContent, 'Vertical Content').map(([t, d]) => ({
				title: t,
				desc: d,
			}));
	}
	if (type === 'button_interaction') {
		const buttons = ctx.param<{ button?: IDataObject[] }>('buttons', {}).button ?? [];
		card.button_list = buttons.map((button) => ({
			text: String(button.text ?? ''),
			style: Number(button.style ?? 1),
			...(button.url ? { type: 1, url: String(button.url) } : { key: String(button.key ?? '') }),
		}));
		if (extra.selectionKey) {
			card.button_selection = {
				question_key: extra.selectionKey,
				title: extra.selectionTitle ?? '',
				option_list: optionList(extra.selectionOptions, 'Drop-Down Options'),
			};
		}
	}
	if (type === 'vote_interaction') {
		card.checkbox = {
			question_key: str('questionKey'),
			mode: ctx.param<boolean>('voteMultiple', false) ? 1 : 0,
			option_list: optionList(ctx.param<string>('voteOptions', ''), 'Options').map((option) => ({
				...option,
				is_checked: false,
			})),
		};
	}
	if (type === 'multiple_interaction') {
		const selects = ctx.param<{ select?: IDataObject[] }>('selects', {}).select ?? [];
		card.select_list = selects.map((select, index) => ({
			question_key: String(select.questionKey ?? ''),
			title: String(select.title ?? ''),
			...(select.selectedId ? { selected_id: String(select.selectedId) } : {}),
			option_list: optionList(select.options, `Selects › Select ${index + 1} › Options`),
		}));
	}
	if (type === 'vote_interaction' || type === 'multiple_interaction') {
		card.submit_button = { text: str('submitText'), key: str('submitKey') };
	}
	return card;
}

export function buildTemplateCard(ctx: ItemContext, options: CardRules = {}): IDataObject {
	const json = ctx.param<string>('cardInput', 'form') === 'json';
	const card = json ? fromJson(ctx) : fromForm(ctx);
	const problems = validateTemplateCard(card, options);
	if (problems.length) {
		const field = json ? 'Template Card JSON' : 'Template Card';
		throw new FieldError(
			field,
			problems.map((p) => `${p.path} ${p.problem}`).join('; '),
			json ? 'Fix these keys in the JSON.' : 'Fill in the fields named above.',
		);
	}
	return card;
}
