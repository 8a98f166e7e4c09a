/** Fields several Follower operations share. */
import type { INodeProperties } from 'n8n-workflow';

export const openIdField: INodeProperties = {
	displayName: 'OpenID',
	name: 'openId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '={{ $json.FromUserName }}',
	description: "The follower's openid (this account's ID for the user)",
};

export const OPENID_FIX = "Enter the follower's openid, e.g. {{ $json.FromUserName }} after the WeChat OA Trigger.";

export const languageField: INodeProperties = {
	displayName: 'Language',
	name: 'lang',
	type: 'options',
	options: [
		{ name: 'Simplified Chinese (zh_CN)', value: 'zh_CN' },
		{ name: 'Traditional Chinese (zh_TW)', value: 'zh_TW' },
		{ name: 'English', value: 'en' },
	],
	default: 'zh_CN',
	description: 'The language of country, province and city names in the answer',
};
