import { FieldError } from '../../execution/errors';

/** WeChat silently drops cards whose link is not http(s); say so before sending. */
export function requireUrl(value: string, field: string): string {
	const url = String(value ?? '').trim();
	if (!url) throw new FieldError(field, 'is empty', 'Enter the link, starting with https://.');
	if (!/^https?:\/\/\S+$/i.test(url))
		throw new FieldError(field, `"${url}" is not an http(s) URL`, 'Use a full link starting with https:// or http://.');
	return url;
}
