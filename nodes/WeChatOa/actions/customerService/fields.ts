/** The customer-service account and follower fields, with WeChat's rules checked before anything is sent. */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import { requireText, type ItemContext } from '../../../shared/execution/itemContext';

/** "账号前缀@公众号微信号，账号前缀最多10个字符，必须是英文、数字字符或者下划线，后缀为公众号微信号，长度不超过30个字符". */
const KF_ACCOUNT = /^[A-Za-z0-9_]{1,10}@[^@\s]{1,30}$/;
/** "客服昵称，最长16个字". */
const MAX_NICKNAME_CHARACTERS = 16;

export const kfAccountField: INodeProperties = {
	displayName: 'Customer-Service Account',
	name: 'kfAccount',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'service1@your_wechat_id',
	description:
		"The full account (客服账号): a prefix of up to 10 letters, digits or _, then @ and the account's WeChat ID (公众号微信号)",
};

export const nicknameField: INodeProperties = {
	displayName: 'Nickname',
	name: 'nickname',
	type: 'string',
	default: '',
	required: true,
	description: 'The name followers see (客服昵称), at most 16 characters',
};

export const followerField: INodeProperties = {
	displayName: 'Follower OpenID',
	name: 'openid',
	type: 'string',
	default: '={{ $json.FromUserName }}',
	required: true,
	description: "The follower's openid",
};

export function kfAccount(ctx: ItemContext): string {
	const value = requireText(
		ctx,
		'kfAccount',
		'Customer-Service Account',
		'Give the full account, e.g. service1@your_wechat_id.',
	);
	if (!KF_ACCOUNT.test(value)) {
		throw new FieldError(
			'Customer-Service Account',
			`"${value}" is not prefix@WeChatID`,
			"Use up to 10 letters, digits or _ before the @ and the Official Account's WeChat ID (公众号微信号, at most 30 characters) after it.",
		);
	}
	return value;
}

export function nickname(ctx: ItemContext): string {
	const value = requireText(ctx, 'nickname', 'Nickname', 'Give the name followers see.');
	const characters = [...value].length;
	if (characters > MAX_NICKNAME_CHARACTERS) {
		throw new FieldError('Nickname', `is ${characters} characters, over WeChat's 16`, 'Shorten it.');
	}
	return value;
}

export function follower(ctx: ItemContext): string {
	return requireText(ctx, 'openid', 'Follower OpenID', "Map the follower's openid (FromUserName of a message).");
}
