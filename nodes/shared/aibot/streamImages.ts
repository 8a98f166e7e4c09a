/**
 * Images under a streamed answer (流式消息 msg_item): WeCom takes them with the final chunk only (finish=true), at
 * most 10, each a JPG or PNG of at most 10 MB before base64, given as base64 with the md5 of its bytes. They come
 * from the input item's binary properties and are checked before anything is written or sent.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readBinary } from '../execution/binary';
import { FieldError } from '../execution/errors';
import { checkMedia, WECOM_MEDIA_RULES } from '../media/limits';
import type { StreamImage } from './streams';

export const MAX_STREAM_IMAGES = 10;
const FIELD = 'Images';

export const imagesProperty: INodeProperties = {
	displayName: 'Images',
	name: 'images',
	type: 'string',
	default: '',
	placeholder: 'e.g. chart, photo',
	description:
		'Input binary fields to show as images under the final answer (图文混排 msg_item), comma-separated: JPG or PNG, at most 10 MB each, at most 10. Empty for none.',
};

export async function readStreamImages(
	exec: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): Promise<StreamImage[]> {
	const names = String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (names.length > MAX_STREAM_IMAGES) {
		throw new FieldError(
			FIELD,
			`names ${names.length} images; WeCom shows at most ${MAX_STREAM_IMAGES} under an answer`,
			`Keep ${MAX_STREAM_IMAGES} or fewer, or send the others in a later reply.`,
		);
	}
	const images: StreamImage[] = [];
	for (const name of names) {
		const file = await readBinary(exec, itemIndex, name, FIELD);
		const wrong = checkMedia(file.data, WECOM_MEDIA_RULES.image);
		if (wrong) throw new FieldError(FIELD, `"${name}": ${wrong.problem}`, wrong.fix);
		images.push({ base64: file.data.toString('base64'), md5: createHash('md5').update(file.data).digest('hex') });
	}
	return images;
}

/** For an output item: images a reply through response_url could not carry, and why (never dropped silently). */
export function imagesNotDelivered(count: number, why: string): IDataObject {
	if (count === 0) return {};
	return {
		imagesDelivered: false,
		imagesNotDelivered: count,
		imagesNote: `${count} image${count === 1 ? '' : 's'} not delivered: ${why}, and response_url takes markdown or a template card only`,
	};
}
