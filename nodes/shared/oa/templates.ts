/**
 * Template messages (模板消息): the keywords a template's content asks for, and the 2023-05 content rules
 * WeChat enforces silently (the send succeeds, the text is cut or dropped), so the node can warn.
 */

export interface OaTemplate {
	template_id: string;
	title: string;
	content: string;
	example?: string;
	primary_industry?: string;
	deputy_industry?: string;
}

/** `{{thing1.DATA}}` → thing1, in order of appearance, once each. */
export function templateKeywords(content: string): string[] {
	const found: string[] = [];
	for (const match of content.matchAll(/\{\{\s*([A-Za-z0-9_]+)\.DATA\s*\}\}/g)) {
		if (!found.includes(match[1])) found.push(match[1]);
	}
	return found;
}

export interface TemplateValue {
	value: string;
	color?: string;
}

const EMOJI = /\p{Extended_Pictographic}/u;
const MAX_VALUE_CHARS = 20;

/** What WeChat will do to this data since 2023-05-04, said per keyword. The send itself still goes out. */
export function templateWarnings(data: Record<string, TemplateValue>): string[] {
	const warnings: string[] = [];
	for (const [key, { value, color }] of Object.entries(data)) {
		if (key === 'first' || key === 'remark') {
			warnings.push(
				`${key}: WeChat no longer shows the header/footer fields (first, remark) since 2023-05; this value is dropped`,
			);
			continue;
		}
		const chars = [...value].length;
		if (chars > MAX_VALUE_CHARS)
			warnings.push(
				`${key}: ${chars} characters; WeChat shows at most ${MAX_VALUE_CHARS} since 2023-05 and cuts the rest`,
			);
		if (/[\r\n]/.test(value)) warnings.push(`${key}: line breaks are not shown since 2023-05`);
		if (EMOJI.test(value)) warnings.push(`${key}: emoji are dropped since 2023-05`);
		if (color) warnings.push(`${key}: custom colours are ignored since 2023-05`);
	}
	return warnings;
}
