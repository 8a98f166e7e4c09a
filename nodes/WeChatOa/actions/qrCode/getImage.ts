/** A code's picture from its ticket (通过ticket换取二维码): showqrcode on mp.weixin.qq.com, as binary. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { binaryPropertyField } from './fields';
import { qrImageUrl, withQrImage } from './image';

export const description = scoped({ resource: ['qrCode'], operation: ['getImage'] }, [
	{
		displayName: 'Ticket',
		name: 'ticket',
		type: 'string',
		default: '',
		required: true,
		description: 'The ticket from Create (also in the Ticket field of subscribe/SCAN events)',
	},
	binaryPropertyField,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const ticket = requireText(ctx, 'ticket', 'Ticket', 'Map the ticket from QR Code → Create or from the event.');
	const item = { json: { ticket, image_url: await qrImageUrl(this, ticket) } };
	return await withQrImage(this, itemIndex, item, ticket, ctx.text('binaryPropertyName') || 'data', 'qrcode');
};
