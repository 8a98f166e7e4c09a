import type { WeComMessageContent } from './types';
import { templateCardProperties } from '../templateCard/properties';
import { buildTemplateCard } from '../templateCard/build';

export const templateCardContent: WeComMessageContent = {
	msgtype: 'template_card',
	supportsSafe: false,
	properties: templateCardProperties,
	async build(ctx) {
		return buildTemplateCard(ctx);
	},
};
