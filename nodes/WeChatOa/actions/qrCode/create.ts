/**
 * Create a QR code with a scene value (生成带参数的二维码): qrcode/create. Temporary codes (QR_SCENE /
 * QR_STR_SCENE) last up to 30 days; permanent ones (QR_LIMIT_SCENE / QR_LIMIT_STR_SCENE) are capped at
 * 100,000 per account. A scan by a non-follower arrives as `subscribe` with EventKey `qrscene_<scene>`, by a
 * follower as `SCAN` with EventKey `<scene>`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { imageFields } from './fields';
import { qrImageUrl, withQrImage } from './image';

/** "最大不超过2592000（即30天）". */
export const MAX_EXPIRE_SECONDS = 2_592_000;
/** Temporary scene ids are 32-bit non-zero integers; permanent ones 1 to 100,000. */
const MAX_TEMPORARY_SCENE_ID = 4_294_967_295;
const MAX_PERMANENT_SCENE_ID = 100_000;

export const description = scoped({ resource: ['qrCode'], operation: ['create'] }, [
	{
		displayName: 'Code Type',
		name: 'codeType',
		type: 'options',
		options: [
			{ name: 'Temporary (Up to 30 Days)', value: 'temporary', description: '临时二维码' },
			{ name: 'Permanent (Up to 100,000 per Account)', value: 'permanent', description: '永久二维码' },
		],
		default: 'temporary',
	},
	{
		displayName: 'Scene Type',
		name: 'sceneType',
		type: 'options',
		options: [
			{ name: 'Number (Scene_id)', value: 'id' },
			{ name: 'Text (Scene_str)', value: 'string' },
		],
		default: 'string',
		description: 'What the scene value (场景值) is; the trigger receives it in EventKey',
	},
	{
		displayName: 'Scene ID',
		name: 'sceneId',
		type: 'number',
		default: 1,
		required: true,
		description: 'Temporary codes: 1 to 4294967295; permanent codes: 1 to 100000',
		displayOptions: { show: { sceneType: ['id'] } },
	},
	{
		displayName: 'Scene',
		name: 'sceneStr',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'poster-2024-autumn',
		description: '1 to 64 characters, e.g. the campaign or shop the code is printed for',
		displayOptions: { show: { sceneType: ['string'] } },
	},
	{
		displayName: 'Expire After (Seconds)',
		name: 'expireSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_EXPIRE_SECONDS },
		default: MAX_EXPIRE_SECONDS,
		description: 'How long the code works, up to 2592000 seconds (30 days); WeChat gives 60 when none is sent',
		displayOptions: { show: { codeType: ['temporary'] } },
	},
	...imageFields,
]);

function scene(run: OaRun, itemIndex: number, permanent: boolean): { scene_id: number } | { scene_str: string } {
	const ctx = run.item(itemIndex);
	if (ctx.param<string>('sceneType', 'string') === 'string') {
		const sceneStr = ctx.text('sceneStr');
		const length = [...sceneStr].length;
		if (length < 1 || length > 64)
			throw new FieldError('Scene', length ? `is ${length} characters` : 'is empty', 'Use 1 to 64 characters.');
		return { scene_str: sceneStr };
	}
	const sceneId = Number(ctx.param<unknown>('sceneId', 0));
	const max = permanent ? MAX_PERMANENT_SCENE_ID : MAX_TEMPORARY_SCENE_ID;
	if (!Number.isInteger(sceneId) || sceneId < 1 || sceneId > max)
		throw new FieldError(
			'Scene ID',
			`${sceneId} is not a whole number from 1 to ${max}`,
			permanent
				? 'Permanent codes take scene IDs 1 to 100000; use a text scene for more.'
				: 'Use a whole number from 1.',
		);
	return { scene_id: sceneId };
}

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const permanent = ctx.param<string>('codeType', 'temporary') === 'permanent';
	const value = scene(run, itemIndex, permanent);
	const text = 'scene_str' in value;
	const body: IDataObject = {
		action_name: `${permanent ? 'QR_LIMIT' : 'QR'}_${text ? 'STR_' : ''}SCENE`,
		action_info: { scene: value },
	};
	if (!permanent) {
		const expire = Number(ctx.param<unknown>('expireSeconds', MAX_EXPIRE_SECONDS));
		if (!Number.isInteger(expire) || expire < 1 || expire > MAX_EXPIRE_SECONDS)
			throw new FieldError(
				'Expire After (Seconds)',
				`${expire} is not a whole number from 1 to ${MAX_EXPIRE_SECONDS}`,
				'Temporary codes last at most 30 days.',
			);
		body.expire_seconds = expire;
	}
	// A replay would only make a second ticket, but permanent tickets count against the account's 100,000.
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/qrcode/create',
		json: body,
		kind: 'write',
	});
	const ticket = String(answer.ticket ?? '');
	const json: IDataObject = {
		ticket,
		url: String(answer.url ?? ''),
		...value,
		permanent,
		image_url: await qrImageUrl(this, ticket),
	};
	if (answer.expire_seconds !== undefined) json.expire_seconds = Number(answer.expire_seconds);
	const item = { json };
	if (!ctx.param<boolean>('downloadImage', true)) return item;
	const name = `qrcode-${text ? value.scene_str : value.scene_id}`.replace(/[^\w.-]+/g, '_');
	return await withQrImage(this, itemIndex, item, ticket, ctx.text('binaryPropertyName') || 'data', name);
};
