/** The fields several kf operations share: the account (open_kfid), the customer (external_userid), msgid. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../../shared/execution/itemContext';
import { requireText } from '../../shared/execution/itemContext';
import { FieldError } from '../../shared/execution/errors';
import { concurrencyOption } from '../../shared/descriptions/options';

export const openKfidProperty: INodeProperties = {
	displayName: 'Account ID',
	name: 'openKfid',
	type: 'string',
	default: '={{ $json.open_kfid }}',
	required: true,
	placeholder: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
	description: 'The open_kfid of the customer service account (客服账号): from the trigger, or Account → List',
};

export const externalUserIdProperty: INodeProperties = {
	displayName: 'Customer ID',
	name: 'externalUserId',
	type: 'string',
	default: '={{ $json.external_userid }}',
	required: true,
	placeholder: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
	description: 'The external_userid of the WeChat customer (微信客户), as the trigger gives it',
};

export function requireOpenKfid(ctx: ItemContext): string {
	return requireText(ctx, 'openKfid', 'Account ID', 'Map open_kfid from the trigger, or take it from Account → List.');
}

export function requireExternalUserId(ctx: ItemContext): string {
	return requireText(ctx, 'externalUserId', 'Customer ID', 'Map external_userid from the trigger.');
}

export const messageIdOption: INodeProperties = {
	displayName: 'Message ID',
	name: 'msgid',
	type: 'string',
	default: '',
	description: 'Your own msgid for the message, returned as is; at most 32 of 0-9 a-z A-Z _ -. Empty: WeCom makes one.',
};

/** The optional msgid of send_msg / send_msg_on_event, checked before anything is sent. */
export function messageIdField(options: IDataObject): IDataObject {
	const msgid = String(options.msgid ?? '').trim();
	if (!msgid) return {};
	if (!/^[0-9A-Za-z_-]{1,32}$/.test(msgid))
		throw new FieldError(
			'Message ID',
			`"${msgid}" is not allowed`,
			'Use at most 32 of 0-9 a-z A-Z _ -, or leave it empty.',
		);
	return { msgid };
}

/** Every operation's Options: its own options, then Concurrency. */
export function optionsField(...options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, concurrencyOption],
	};
}
