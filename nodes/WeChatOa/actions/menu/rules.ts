/**
 * WeChat's menu rules (createCustomMenu reference), checked before sending: 1 to 3 buttons, 1 to 5
 * sub-buttons each, names up to 16 bytes (sub-buttons 60), keys up to 128 bytes, URLs up to 1024 bytes, and
 * the field each button type needs. A button with sub-buttons has no type of its own.
 */
import type { IDataObject } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';

/** Each type and the fields it needs. view_limited (old news material) is WeChat's legacy type: accepted in JSON only. */
export const BUTTON_TYPES: Record<string, readonly string[]> = {
	click: ['key'],
	view: ['url'],
	miniprogram: ['url', 'appid', 'pagepath'],
	scancode_push: ['key'],
	scancode_waitmsg: ['key'],
	pic_sysphoto: ['key'],
	pic_photo_or_album: ['key'],
	pic_weixin: ['key'],
	location_select: ['key'],
	media_id: ['media_id'],
	article_id: ['article_id'],
	article_view_limited: ['article_id'],
	view_limited: ['media_id'],
};

const MAX_BUTTONS = 3;
const MAX_SUB_BUTTONS = 5;
const NAME_BYTES = { top: 16, sub: 60 };
const KEY_BYTES = 128;
const URL_BYTES = 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function where(path: string): string {
	return `Menu ${path}`;
}

function checkButton(value: unknown, path: string, level: 'top' | 'sub'): void {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new FieldError(
			where(path),
			'is not an object',
			'Each button is an object with name and type (or sub_button).',
		);
	const button = value as IDataObject;
	const name = typeof button.name === 'string' ? button.name : '';
	if (!name.trim()) throw new FieldError(where(`${path}.name`), 'is empty', 'Give every button a name.');
	if (bytes(name) > NAME_BYTES[level])
		throw new FieldError(
			where(`${path}.name`),
			`"${name}" is ${bytes(name)} bytes, over WeChat's ${NAME_BYTES[level]}`,
			level === 'top'
				? 'Top-level names take at most 16 bytes (5 Chinese characters); WeChat shows about 4.'
				: 'Sub-button names take at most 60 bytes (20 Chinese characters).',
		);
	const subs = button.sub_button;
	if (level === 'top' && Array.isArray(subs) && subs.length > 0) {
		if (subs.length > MAX_SUB_BUTTONS)
			throw new FieldError(
				where(`${path}.sub_button`),
				`has ${subs.length} sub-buttons`,
				`WeChat allows 1 to ${MAX_SUB_BUTTONS}.`,
			);
		subs.forEach((sub, index) => checkButton(sub, `${path}.sub_button[${index}]`, 'sub'));
		return;
	}
	const type = typeof button.type === 'string' ? button.type : '';
	const needs = BUTTON_TYPES[type];
	if (!needs)
		throw new FieldError(
			where(`${path}.type`),
			type ? `"${type}" is not a menu button type` : 'is missing',
			`Use one of ${Object.keys(BUTTON_TYPES).join(', ')}${level === 'top' ? ', or give the button sub_button' : ''}.`,
		);
	for (const field of needs) {
		if (typeof button[field] !== 'string' || !(button[field] as string).trim())
			throw new FieldError(where(`${path}.${field}`), `is required for type ${type}`, `Fill in ${field}.`);
	}
	if (typeof button.key === 'string' && bytes(button.key) > KEY_BYTES)
		throw new FieldError(
			where(`${path}.key`),
			`is ${bytes(button.key)} bytes`,
			`Keys take at most ${KEY_BYTES} bytes.`,
		);
	if (typeof button.url === 'string') {
		if (bytes(button.url) > URL_BYTES)
			throw new FieldError(
				where(`${path}.url`),
				`is ${bytes(button.url)} bytes`,
				`URLs take at most ${URL_BYTES} bytes.`,
			);
		if (!/^https?:\/\//i.test(button.url))
			throw new FieldError(
				where(`${path}.url`),
				`"${button.url}" is not an http(s) URL`,
				'Start the URL with https://.',
			);
	}
}

/** The checked `button` array of a menu. */
export function checkMenuButtons(value: unknown): IDataObject[] {
	if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BUTTONS)
		throw new FieldError(
			'Menu',
			Array.isArray(value) ? `has ${value.length} buttons` : 'has no button list',
			`A menu has 1 to ${MAX_BUTTONS} top-level buttons (the "button" array).`,
		);
	value.forEach((button, index) => checkButton(button, `button[${index}]`, 'top'));
	return value as IDataObject[];
}
