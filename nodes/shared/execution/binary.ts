/** Reads an input item's binary property, with an error that names the field and lists what the item has. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldError } from './errors';

export interface BinaryFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

export async function readBinary(
	exec: IExecuteFunctions,
	itemIndex: number,
	property: unknown,
	field: string,
): Promise<BinaryFile> {
	const name = String(property ?? '').trim();
	if (!name)
		throw new FieldError(
			field,
			'no binary property named',
			'Enter the name of the input binary property that holds the file, e.g. "data".',
		);
	const binary = exec.getInputData()[itemIndex]?.binary ?? {};
	const meta = binary[name];
	if (!meta) {
		const available = Object.keys(binary);
		throw new FieldError(
			field,
			`the input item has no binary property "${name}"`,
			available.length
				? `Use one of: ${available.map((key) => `"${key}"`).join(', ')}.`
				: 'The input item has no binary data at all: add a node before this one that reads or downloads the file.',
		);
	}
	const data = await exec.helpers.getBinaryDataBuffer(itemIndex, name);
	const extension = meta.fileExtension ? `.${meta.fileExtension}` : '';
	return {
		data,
		fileName: meta.fileName || `${name}${extension}`,
		mimeType: meta.mimeType || 'application/octet-stream',
	};
}
