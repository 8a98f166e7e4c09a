/** The reply content fields the operations share: markdown text and a template card given as JSON. */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import type { JsonObject } from './json';

/** WeCom's limit for a stream's content and a markdown message: 20480 bytes of UTF-8. */
export const MAX_CONTENT_BYTES = 20_480;

export function checkContent(content: string, field: string): string {
	const bytes = Buffer.byteLength(content, 'utf8');
	if (bytes > MAX_CONTENT_BYTES) {
		throw new FieldError(
			field,
			`is ${bytes} bytes, more than WeCom's ${MAX_CONTENT_BYTES}`,
			'Shorten it, or send the rest as a second message.',
		);
	}
	return content;
}

export function markdownProperty(
	name: string,
	displayName: string,
	description: string,
	required = true,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required,
		description,
	};
}

export function cardProperty(name: string, displayName: string, required = true): INodeProperties {
	return {
		displayName,
		name,
		type: 'json',
		default: '',
		placeholder: '{ "card_type": "text_notice", "main_title": { "title": "Done" } }',
		required,
		description:
			'The template_card object as WeCom documents it for the AI bot (模板卡片: text_notice, news_notice, button_interaction, vote_interaction, multiple_interaction), with its card_type',
	};
}

/** A template card from its JSON field; '' (optional field left empty) gives undefined. */
export function readCard(value: unknown, field: string): JsonObject | undefined {
	if (value === '' || value === undefined || value === null) return undefined;
	let card: unknown = value;
	if (typeof value === 'string') {
		try {
			card = JSON.parse(value);
		} catch {
			throw new FieldError(
				field,
				'is not valid JSON',
				'Write the template_card object, e.g. {"card_type": "text_notice", ...}.',
			);
		}
	}
	if (!card || typeof card !== 'object' || Array.isArray(card) || typeof (card as JsonObject).card_type !== 'string') {
		throw new FieldError(
			field,
			'has no card_type',
			'Give a template_card object with its card_type (e.g. "text_notice").',
		);
	}
	return card as JsonObject;
}
