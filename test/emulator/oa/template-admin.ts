import { randomId } from '../core/ids';
import { isRecord, isStringArray, nonEmptyString } from '../core/json';
import type { ApiReply, TokenRoute } from '../core/router';
import type { OaAccount, OaTemplateConfig } from './accounts';
import { oaRoute, type OaContext } from './context';
import { badField, OaErrcode, oaBare, oaOk, refuse, violation } from './errors';
import { categoryContent, INDUSTRIES, TEMPLATE_LIBRARY, type LibraryKeyword } from './template-library';
import { own } from './lookup';

/** "每个公众号最多可添加25个模板" (Template_Message_Interface). */
export const MAX_TEMPLATES = 25;

/** Template management (reference E2): list, add from the library, delete. */
export function templateAdminRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'GET', '/cgi-bin/template/get_all_private_template', (_req, account) =>
			// Like WeChat, this answer has no errcode.
			oaBare({
				template_list: account.templates.map((template) => ({
					template_id: template.templateId,
					title: template.title,
					primary_industry: template.primaryIndustry ?? '',
					deputy_industry: template.deputyIndustry ?? '',
					content: template.content,
					example: template.example ?? '',
				})),
			}),
		),
		oaRoute(ctx, 'POST', '/cgi-bin/template/api_add_template', (req, account) => addTemplate(req.json, account)),
		oaRoute(ctx, 'POST', '/cgi-bin/template/del_private_template', (req, account) => {
			const body = req.json;
			if (!isRecord(body) || !nonEmptyString(body.template_id)) return refuse(badField('template_id', 'is required'));
			const before = account.templates.length;
			account.templates = account.templates.filter((template) => template.templateId !== body.template_id);
			return account.templates.length < before ? oaOk() : refuse(violation(OaErrcode.invalidTemplateId));
		}),
	];
}

/**
 * POST /cgi-bin/template/api_add_template {template_id_short, keyword_name_list?}. An id the library does not
 * have gets 40037 "invalid template_id" (WeChat documents no code of its own for it); keywords that are missing,
 * unknown or repeated get 40246 (the doc's code); a 26th template gets 45026 "template num exceeds limit".
 */
function addTemplate(body: unknown, account: OaAccount): ApiReply {
	if (!isRecord(body) || !nonEmptyString(body.template_id_short)) return refuse(badField('template_id_short', 'is required'));
	const entry = own(TEMPLATE_LIBRARY, body.template_id_short);
	if (entry === undefined) return refuse(violation(OaErrcode.invalidTemplateId, `no library template ${body.template_id_short}`));
	const title = entry.title;
	let content: string;
	let example = '';
	if (entry.kind === 'industry') {
		content = entry.content;
		example = entry.example;
	} else {
		const picked = pickKeywords(entry.keywords, body.keyword_name_list);
		if (picked === undefined) return refuse(violation(OaErrcode.invalidKeywordName));
		content = categoryContent(picked);
	}
	if (account.templates.length >= MAX_TEMPLATES) return refuse(violation(OaErrcode.templateCountOutOfLimit));
	const industry = account.industry === null ? undefined : INDUSTRIES[account.industry.primary];
	const template: OaTemplateConfig = { templateId: randomId(32), title, content, example };
	if (industry !== undefined) {
		template.primaryIndustry = industry[0];
		template.deputyIndustry = industry[1];
	}
	account.templates.push(template);
	return oaOk({ template_id: template.templateId });
}

/** The library keywords named, in the caller's order; undefined if any is unknown, repeated, or none is given. */
function pickKeywords(keywords: readonly LibraryKeyword[], names: unknown): LibraryKeyword[] | undefined {
	if (!isStringArray(names) || names.length === 0 || new Set(names).size !== names.length) return undefined;
	const picked = names.map((name) => keywords.find((keyword) => keyword.name === name));
	return picked.every((keyword): keyword is LibraryKeyword => keyword !== undefined) ? picked : undefined;
}
