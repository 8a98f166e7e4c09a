/** The picture fields of the operations that download a code's picture. */
import type { INodeProperties } from 'n8n-workflow';

export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Image in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'The output binary property for the picture',
};

export const imageFields: INodeProperties[] = [
	{
		displayName: 'Download Image',
		name: 'downloadImage',
		type: 'boolean',
		default: true,
		description: "Whether to download the code's picture into a binary property (from showqrcode on mp.weixin.qq.com)",
	},
	{ ...binaryPropertyField, displayOptions: { show: { downloadImage: [true] } } },
];
