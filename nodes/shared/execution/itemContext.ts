/** What a message-content builder may ask of the node for one item, independent of the platform. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldError } from './errors';
import type { ParameterReader } from './parameters';

export type MediaKind = 'image' | 'voice' | 'video' | 'file' | 'thumb';

export interface ItemContext {
	readonly exec: IExecuteFunctions;
	readonly itemIndex: number;
	/** A parameter of this item (expressions resolved). */
	param<T>(name: string, fallback?: T): T;
	/** A text parameter, trimmed; '' when empty or when an expression gave nothing. */
	text(name: string): string;
	/** Uploads the item's binary property as temporary media of this kind and returns its media_id. */
	uploadMedia(kind: MediaKind, binaryProperty: string, field: string): Promise<string>;
}

export type MediaUploader = (
	kind: MediaKind,
	binaryProperty: string,
	field: string,
	itemIndex: number,
) => Promise<string>;

export function itemContext(
	exec: IExecuteFunctions,
	itemIndex: number,
	read: ParameterReader,
	upload: MediaUploader,
): ItemContext {
	return {
		exec,
		itemIndex,
		param: <T>(name: string, fallback?: T): T => read(name, itemIndex, fallback),
		text: (name: string): string => String(read<unknown>(name, itemIndex, '') ?? '').trim(),
		uploadMedia: (kind, binaryProperty, field) => upload(kind, binaryProperty, field, itemIndex),
	};
}

/** A required text parameter: trimmed, or a FieldError that names it. */
export function requireText(ctx: ItemContext, name: string, field: string, fix: string): string {
	const value = ctx.text(name);
	if (!value) throw new FieldError(field, 'is empty', fix);
	return value;
}

/** WeChat counts limits in UTF-8 bytes: a Chinese character is 3. */
export function checkBytes(value: string, max: number, field: string): void {
	const bytes = Buffer.byteLength(value, 'utf8');
	if (bytes > max) {
		throw new FieldError(
			field,
			`is ${bytes} bytes, over WeChat's ${max}-byte limit`,
			`Shorten it (a Chinese character counts as 3 bytes).`,
		);
	}
}
