/** WeCom temporary media and permanent images, from an item's binary property, limits checked first. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { callJson, type JsonObject, type TokenClient } from '../transport/client';
import { checkMedia, WECOM_MEDIA_RULES, type MediaRule, type WeComMediaType } from '../media/limits';
import { readBinary, type BinaryFile } from '../execution/binary';
import { FieldError } from '../execution/errors';
import type { MediaUploader } from '../execution/itemContext';

function checked(file: BinaryFile, rule: MediaRule, field: string): BinaryFile {
	const problem = checkMedia(file.data, rule);
	if (problem) throw new FieldError(field, problem.problem, problem.fix);
	return file;
}

/** POST media/upload?type=…: returns WeCom's answer {type, media_id, created_at}. */
export async function uploadTemporaryMedia(
	client: TokenClient,
	type: WeComMediaType,
	file: BinaryFile,
	field: string,
): Promise<JsonObject> {
	checked(file, WECOM_MEDIA_RULES[type], field);
	return await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/media/upload',
		query: { type },
		multipart: { field: 'media', fileName: file.fileName, contentType: file.mimeType, data: file.data },
		kind: 'write',
		// A repeated upload only leaves an unused media_id behind, so it may be retried.
		deduplicated: true,
	});
}

/** POST media/uploadimg: a permanent URL usable in mpnews bodies. */
export async function uploadPermanentImage(client: TokenClient, file: BinaryFile, field: string): Promise<JsonObject> {
	checked(file, WECOM_MEDIA_RULES.uploadimg, field);
	return await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/media/uploadimg',
		multipart: { field: 'media', fileName: file.fileName, contentType: file.mimeType, data: file.data },
		kind: 'write',
	});
}

/** The uploader message builders use when a media field points at a binary property. */
export function weComMediaUploader(exec: IExecuteFunctions, client: TokenClient): MediaUploader {
	return async (kind, binaryProperty, field, itemIndex) => {
		const file = await readBinary(exec, itemIndex, binaryProperty, field);
		// WeCom has no separate thumb type: thumbnails are images.
		const type: WeComMediaType = kind === 'thumb' ? 'image' : kind;
		const answer = await uploadTemporaryMedia(client, type, file, field);
		return String(answer.media_id);
	};
}
