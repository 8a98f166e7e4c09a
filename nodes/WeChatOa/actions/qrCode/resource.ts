/** QR Code (二维码): codes with a scene value, their pictures, and short keys. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as create from './create';
import * as getImage from './getImage';
import * as createShortKey from './createShortKey';
import * as fetchShortKey from './fetchShortKey';

export const qrCodeResource: OaResourceModule = {
	option: {
		name: 'QR Code',
		value: 'qrCode',
		description: 'QR codes with a scene value (带参数二维码) and short keys (短key)',
	},
	picker: operationPicker(
		'qrCode',
		[
			{
				name: 'Create',
				value: 'create',
				action: 'Create a QR code',
				description:
					'A temporary or permanent code with a scene value, its ticket, URL and picture (生成带参数的二维码)',
			},
			{
				name: 'Create Short Key',
				value: 'createShortKey',
				action: 'Create a short key',
				description: 'Store up to 4 KB of text under a short key (短key托管)',
			},
			{
				name: 'Fetch Short Key',
				value: 'fetchShortKey',
				action: 'Fetch a short key',
				description: 'The text stored under a short key',
			},
			{
				name: 'Get Image',
				value: 'getImage',
				action: "Get a QR code's picture",
				description: 'Download the picture of a ticket (换取二维码)',
			},
		],
		'create',
	),
	operations: { create, getImage, createShortKey, fetchShortKey },
};
