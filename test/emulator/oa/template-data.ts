import { charLength, isRecord } from '../core/json';
import { badField, OaErrcode, OaViolation } from './errors';
import { own } from './lookup';

/** The `{{key.DATA}}` keys of a template's content, in order. */
export function templateKeywords(content: string): string[] {
	return [...content.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\.DATA\s*\}\}/g)].map((match) => match[1]);
}

/** Legacy header and footer fields that WeChat strips since 2023-05-04 (the send still succeeds). */
const STRIPPED = new Set(['first', 'remark', 'Remark']);

const CJK = /[\u3400-\u9fff]/;

type Rule = (value: string) => 'ok' | 'too long' | 'invalid';

const maxChars =
	(max: number): Rule =>
	(value) =>
		charLength(value) <= max ? 'ok' : 'too long';

const pattern =
	(max: number, shape: RegExp): Rule =>
	(value) => {
		if (charLength(value) > max) return 'too long';
		return shape.test(value) ? 'ok' : 'invalid';
	};

/**
 * Value rules of typed keywords (category templates and subscribe messages), keyed by the key without its
 * number: thing1 -> thing. From the official keyword table, e.g. "thing: 20个以内字符", "character_string: 32位
 * 以内数字、字母或符号", "amount: 1个币种符号+10位以内纯数字，可带小数，结尾可带'元'", "phrase: 5个以内汉字".
 * Untyped keys (keyword1, orderMoneySum, ...) of old industry templates accept any text.
 */
const RULES: Readonly<Record<string, Rule>> = {
	thing: maxChars(20),
	character_string: pattern(32, /^[\x21-\x7e]+$/),
	number: pattern(32, /^[+-]?\d+(\.\d+)?$/),
	letter: pattern(32, /^[A-Za-z]+$/),
	symbol: pattern(5, /^[^\p{L}\p{N}\s]+$/u),
	amount: pattern(16, /^[¥￥$€£]?\d{1,10}(\.\d+)?元?$/),
	time: pattern(40, /\d{1,2}:\d{2}/),
	date: pattern(40, /\d{4}\s*[年./-]\s*\d{1,2}/),
	phone_number: pattern(17, /^[\d+\-()\s]+$/),
	car_number: maxChars(8),
	name: (value) => (charLength(value) <= (CJK.test(value) ? 10 : 20) ? 'ok' : 'too long'),
	phrase: pattern(5, /^[\u3400-\u9fff]+$/),
};

function invalidArgument(text: string): OaViolation {
	return new OaViolation(OaErrcode.argumentInvalid, `argument invalid! ${text}`);
}

/** The longest value each keyword type shows, for template messages that cut instead of refusing. */
const SHOWN_CHARS = 20;

/**
 * Checks `data` against the template's keywords: each needs `{value: string}`, non-empty, within its type's
 * rules. 47003 names the field the way WeChat does ("argument invalid! data.time2.value invalid").
 * `cutTooLong`: template messages since 2023-05 still go out with an over-long value, cut to 20 characters
 * (the send succeeds, the user sees less); subscription messages refuse it.
 */
export function dataViolation(keywords: readonly string[], data: unknown, cutTooLong = false): OaViolation | undefined {
	if (!isRecord(data)) return invalidArgument('data is empty');
	for (const key of keywords) {
		if (STRIPPED.has(key)) continue;
		const entry = data[key];
		if (!isRecord(entry) || entry.value === undefined || entry.value === '') return invalidArgument(`data.${key}.value is empty`);
		if (typeof entry.value !== 'string') return badField(`data.${key}.value`, 'must be a string');
		const verdict = own(RULES, key.replace(/\d+$/, ''))?.(entry.value) ?? 'ok';
		if (verdict === 'too long' && !cutTooLong) return invalidArgument(`data.${key}.value exceeds limit`);
		if (verdict === 'invalid') return invalidArgument(`data.${key}.value invalid`);
	}
	return undefined;
}

/** What the user sees: the template's own keywords only, without first/remark and without colours. */
export function deliveredData(keywords: readonly string[], data: unknown): Record<string, string> {
	const delivered: Record<string, string> = {};
	if (!isRecord(data)) return delivered;
	for (const key of keywords) {
		const entry = data[key];
		if (!STRIPPED.has(key) && isRecord(entry) && typeof entry.value === 'string') delivered[key] = [...entry.value].slice(0, SHOWN_CHARS).join('');
	}
	return delivered;
}
