/** What an Official Account operation gets for a run: the client, per-item parameters, and lookups it may reuse. */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { TokenClient } from '../transport/client';
import { callJson } from '../transport/client';
import { itemContext, type ItemContext } from '../execution/itemContext';
import type { ParameterReader } from '../execution/parameters';
import { oaClientFromCredentials } from './connection';
import { oaMediaUploader } from './upload';
import type { OaTemplate } from './templates';
import type { ReplySecrets } from '../webhook/passiveReply';

export interface OaRun {
	client: TokenClient;
	/** Callback Token, EncodingAESKey and AppID, for encrypting passive replies; never output. */
	secrets: ReplySecrets;
	item(itemIndex: number): ItemContext;
	/** The account's templates, fetched at most once per run (keyword checks for every item). */
	templates(): Promise<OaTemplate[]>;
}

export async function listTemplates(client: TokenClient): Promise<OaTemplate[]> {
	const answer = await callJson(client, {
		method: 'GET',
		path: '/cgi-bin/template/get_all_private_template',
		kind: 'read',
	});
	return Array.isArray(answer.template_list) ? (answer.template_list as OaTemplate[]) : [];
}

export async function openOaRun(exec: IExecuteFunctions, read: ParameterReader): Promise<OaRun> {
	const credentials = await exec.getCredentials('weChatOaApi');
	const client = oaClientFromCredentials(credentials, exec.getWorkflowStaticData('global'));
	const upload = oaMediaUploader(exec, client);
	let templates: Promise<OaTemplate[]> | undefined;
	return {
		client,
		secrets: {
			token: String(credentials.token ?? '').trim(),
			encodingAesKey: String(credentials.encodingAesKey ?? '').trim(),
			receiveId: String(credentials.appId ?? '').trim(),
		},
		item: (itemIndex) => itemContext(exec, itemIndex, read, upload),
		templates: () => (templates ??= listTemplates(client)),
	};
}
