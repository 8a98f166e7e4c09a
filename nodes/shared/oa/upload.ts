/** Official Account uploads from an item's binary property, with WeChat's limits checked first. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { callJson, type JsonObject, type TokenClient } from '../transport/client';
import { checkMedia, OA_MEDIA_RULES, type OaMediaType } from '../media/limits';
import { readBinary, type BinaryFile } from '../execution/binary';
import { FieldError } from '../execution/errors';
import type { MediaUploader } from '../execution/itemContext';

function checked(file: BinaryFile, rule: (typeof OA_MEDIA_RULES)[keyof typeof OA_MEDIA_RULES], field: string): void {
	const problem = checkMedia(file.data, rule);
	if (problem) throw new FieldError(field, problem.problem, problem.fix);
}

const multipart = (file: BinaryFile) => ({
	field: 'media',
	fileName: file.fileName,
	contentType: file.mimeType,
	data: file.data,
});

/** media/upload?type=…: temporary media (3 days) → {type, media_id, created_at}. */
export async function uploadOaTemporaryMedia(
	client: TokenClient,
	type: OaMediaType,
	file: BinaryFile,
	field: string,
): Promise<JsonObject> {
	checked(file, OA_MEDIA_RULES[type], field);
	// A repeated upload only leaves an unused media_id behind, so it may be retried.
	return await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/media/upload',
		query: { type },
		multipart: multipart(file),
		kind: 'write',
		deduplicated: true,
	});
}

/** A permanent video's title and introduction (add_material's `description` field). */
export interface VideoDescription {
	title: string;
	introduction: string;
}

/**
 * material/add_material?type=…: permanent material (永久素材) → {media_id, url (images)}. The formats and sizes
 * are the temporary media's. Not replayed after an unknown outcome: a copy would count against the library's cap.
 */
export async function uploadOaPermanentMaterial(
	client: TokenClient,
	type: OaMediaType,
	file: BinaryFile,
	field: string,
	video?: VideoDescription,
): Promise<JsonObject> {
	checked(file, OA_MEDIA_RULES[type], field);
	return await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/material/add_material',
		query: { type },
		multipart: { ...multipart(file), ...(video ? { fields: { description: JSON.stringify(video) } } : {}) },
		kind: 'write',
	});
}

/** media/uploadimg: an image URL for article bodies (mass send, drafts). */
export async function uploadOaArticleImage(client: TokenClient, file: BinaryFile, field: string): Promise<JsonObject> {
	checked(file, OA_MEDIA_RULES.uploadimg, field);
	return await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/media/uploadimg',
		multipart: multipart(file),
		kind: 'write',
		deduplicated: true,
	});
}

export function oaMediaUploader(exec: IExecuteFunctions, client: TokenClient): MediaUploader {
	return async (kind, binaryProperty, field, itemIndex) => {
		if (kind === 'file')
			throw new FieldError(
				field,
				'Official Accounts take no file media',
				'Upload an image, voice, video or thumbnail.',
			);
		const file = await readBinary(exec, itemIndex, binaryProperty, field);
		const answer = await uploadOaTemporaryMedia(client, kind, file, field);
		// Thumbnails come back as thumb_media_id on the real servers.
		return String(answer.thumb_media_id ?? answer.media_id);
	};
}
