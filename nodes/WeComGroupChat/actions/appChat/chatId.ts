/** WeCom's rules for a group chat ID (chatid), checked before calling so the field is named in the error. */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import type { ItemContext } from '../../../shared/execution/itemContext';

export const chatIdProperty: INodeProperties = {
	displayName: 'Chat ID',
	name: 'chatId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'CHATID123',
	description: 'The chatid returned by Create (群聊ID); only chats created by this app can be used',
};

export function checkChatId(value: string, field: string): string {
	if (value.length > 32 || !/^[0-9A-Za-z]+$/.test(value)) {
		throw new FieldError(
			field,
			`"${value}" is not a valid chat ID`,
			'Use at most 32 letters and digits (0-9, a-z, A-Z), nothing else.',
		);
	}
	return value;
}

export function requireChatId(ctx: ItemContext): string {
	const value = ctx.text('chatId');
	if (!value) throw new FieldError('Chat ID', 'is empty', 'Map the chatid returned by Create.');
	return checkChatId(value, 'Chat ID');
}
