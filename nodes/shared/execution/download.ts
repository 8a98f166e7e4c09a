/**
 * Downloads are bounded: an operation that downloads a file offers Max Download Size (under Options) and reads
 * at most that much, so a huge or endless answer is an error naming the option instead of a process out of memory.
 */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from './errors';
import type { ItemContext } from './itemContext';
import { DEFAULT_MAX_RESPONSE_BYTES, formatMegabytes, ResponseTooLargeError } from '../transport/http';

const FIELD = 'Max Download Size (MB)';
const MB = 1024 * 1024;

export const maxDownloadSizeOption: INodeProperties = {
	displayName: FIELD,
	name: 'maxDownloadSizeMb',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 25, // DEFAULT_MAX_RESPONSE_BYTES in MB: n8n's linter wants the literal here
	description:
		"A larger file is refused with an error instead of being held in memory. The default is above WeChat's largest media (files up to 20 MB).",
};

/** Runs a download with the item's limit; a file above it becomes an error that names the option. */
export async function boundedDownload<T>(ctx: ItemContext, download: (maxBytes: number) => Promise<T>): Promise<T> {
	const options = ctx.param<Record<string, unknown>>('options', {});
	const megabytes = Number(options.maxDownloadSizeMb ?? DEFAULT_MAX_RESPONSE_BYTES / MB);
	if (!Number.isFinite(megabytes) || megabytes <= 0)
		throw new FieldError(
			FIELD,
			`"${String(options.maxDownloadSizeMb)}" is not a size`,
			'Enter a number of megabytes, e.g. 25.',
		);
	const maxBytes = Math.round(megabytes * MB);
	try {
		return await download(maxBytes);
	} catch (error) {
		if (!(error instanceof ResponseTooLargeError)) throw error;
		throw new FieldError(
			FIELD,
			`the file WeChat sent is larger than ${formatMegabytes(maxBytes)}`,
			'Raise Max Download Size under Options if files this large are expected.',
		);
	}
}
