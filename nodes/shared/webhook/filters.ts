/** Which messages and events start the workflow: "Trigger On" values like `message:text` or `event:subscribe`. */
import type { INodePropertyOptions } from 'n8n-workflow';
import type { CallbackMessage } from '../callback/normalize';

export function triggerOnOptions(messageTypes: string[], events: Array<[string, string]>): INodePropertyOptions[] {
	return [
		{ name: 'Everything', value: '*' },
		{ name: 'Any Message', value: 'message:*' },
		{ name: 'Any Event', value: 'event:*' },
		...messageTypes.map((type) => ({ name: `Message: ${type}`, value: `message:${type}` })),
		...events.map(([event, label]) => ({
			name: `Event: ${event}${label ? ` (${label})` : ''}`,
			value: `event:${event}`,
		})),
	];
}

export function passesFilter(message: CallbackMessage, triggerOn: unknown): boolean {
	const chosen = Array.isArray(triggerOn) ? triggerOn.map(String) : [];
	if (chosen.length === 0 || chosen.includes('*')) return true;
	const msgType = String(message.MsgType ?? '');
	if (msgType === 'event') {
		const event = String(message.Event ?? '');
		return chosen.includes('event:*') || chosen.some((value) => value.toLowerCase() === `event:${event}`.toLowerCase());
	}
	return chosen.includes('message:*') || chosen.includes(`message:${msgType}`);
}
