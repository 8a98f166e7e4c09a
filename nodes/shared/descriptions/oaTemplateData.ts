/**
 * The data of a template or subscription message: keyword/value pairs (with keywords offered from the chosen
 * template) or JSON. Both forms become WeChat's { keyword: { value, color? } }.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import type { ItemContext } from '../execution/itemContext';
import type { TemplateValue } from '../oa/templates';

export interface TemplateDataOptions {
	/** loadOptions method offering the keywords of the chosen template. */
	keywordsMethod?: string;
	/** Template messages take a colour per value; subscription messages do not. */
	colors: boolean;
}

export function templateDataProperties({ keywordsMethod, colors }: TemplateDataOptions): INodeProperties[] {
	const keyword: INodeProperties = keywordsMethod
		? {
				displayName: 'Keyword Name or ID',
				name: 'keyword',
				type: 'options',
				typeOptions: { loadOptionsMethod: keywordsMethod, loadOptionsDependsOn: ['templateId'] },
				default: '',
				description:
					'A keyword of the chosen template, e.g. thing1 for {{thing1.DATA}}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			}
		: {
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder: 'thing1',
				description: 'The keyword as in the template, e.g. thing1 for {{thing1.DATA}}',
			};
	return [
		{
			displayName: 'Data Input',
			name: 'dataInput',
			type: 'options',
			options: [
				{ name: 'Fields', value: 'fields', description: 'One row per keyword' },
				{ name: 'JSON', value: 'json', description: 'An object of keyword → value (or {value, color})' },
			],
			default: 'fields',
		},
		{
			displayName: 'Data',
			name: 'data',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Keyword',
			displayOptions: { show: { dataInput: ['fields'] } },
			options: [
				{
					displayName: 'Keyword',
					name: 'keyword',
					values: [
						keyword,
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Since 2023-05 WeChat shows at most 20 characters, one line, no emoji',
						},
						...(colors
							? [
									{
										displayName: 'Colour',
										name: 'color',
										type: 'color' as const,
										default: '',
										description: 'Ignored by WeChat since 2023-05; kept for old templates',
									},
								]
							: []),
					],
				},
			],
		},
		{
			displayName: 'Data JSON',
			name: 'dataJson',
			type: 'json',
			default: '{\n  "thing1": "订单已发货",\n  "time2": "2026-11-23 08:05"\n}',
			displayOptions: { show: { dataInput: ['json'] } },
		},
	];
}

function fromJson(raw: unknown): IDataObject {
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	try {
		const parsed: unknown = JSON.parse(String(raw ?? ''));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch (error) {
		throw new FieldError(
			'Data JSON',
			`is not valid JSON (${(error as Error).message})`,
			'Fix the JSON, e.g. { "thing1": "订单已发货" }.',
		);
	}
	throw new FieldError(
		'Data JSON',
		'is not a JSON object',
		'Write an object of keyword → value, e.g. { "thing1": "订单已发货" }.',
	);
}

export function buildTemplateData(ctx: ItemContext, { colors }: TemplateDataOptions): Record<string, TemplateValue> {
	const data: Record<string, TemplateValue> = {};
	if (ctx.param<string>('dataInput', 'fields') === 'json') {
		for (const [key, entry] of Object.entries(fromJson(ctx.param<unknown>('dataJson', '{}')))) {
			const value =
				entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry };
			if (value.value === undefined || value.value === null)
				throw new FieldError(
					`Data JSON › ${key}`,
					'has no value',
					'Give every keyword a value: "thing1": "text" or "thing1": { "value": "text" }.',
				);
			data[key] = { value: String(value.value), ...(colors && value.color ? { color: String(value.color) } : {}) };
		}
	} else {
		const rows = ctx.param<{ keyword?: IDataObject[] }>('data', {}).keyword ?? [];
		rows.forEach((row, index) => {
			const key = String(row.keyword ?? '').trim();
			if (!key)
				throw new FieldError(`Data › Keyword ${index + 1}`, 'has no keyword', 'Choose the keyword this value fills.');
			if (data[key]) throw new FieldError(`Data › ${key}`, 'is set twice', 'Keep one row per keyword.');
			data[key] = { value: String(row.value ?? ''), ...(colors && row.color ? { color: String(row.color) } : {}) };
		});
	}
	if (!Object.keys(data).length)
		throw new FieldError('Data', 'is empty', 'Fill in at least one keyword of the template.');
	return data;
}
