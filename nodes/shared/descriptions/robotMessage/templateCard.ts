import type { WeComMessageContent } from '../wecomMessage/types';
import { NOTICE_CARD_TYPES, noticeCardProperties } from '../templateCard/properties';
import { buildTemplateCard } from '../templateCard/build';

/** Group robots take only the two notice card types. */
export const robotTemplateCardContent: WeComMessageContent = {
	msgtype: 'template_card',
	supportsSafe: false,
	properties: noticeCardProperties,
	async build(ctx) {
		return buildTemplateCard(ctx, { allowedTypes: NOTICE_CARD_TYPES });
	},
};
