/** Lists for the editor: the account's templates, then the keywords of the one picked. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { oaClientFromCredentials } from '../../shared/oa/connection';
import { listTemplates } from '../../shared/oa/run';
import { templateKeywords, type OaTemplate } from '../../shared/oa/templates';

async function templates(context: ILoadOptionsFunctions): Promise<OaTemplate[]> {
	try {
		return await listTemplates(oaClientFromCredentials(await context.getCredentials('weChatOaApi')));
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Could not load the templates: ${(error as Error).message}`);
	}
}

export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await templates(this)).map((template) => ({
		name: template.title || template.template_id,
		value: template.template_id,
		description: template.content?.replace(/\s+/g, ' ').slice(0, 120),
	}));
}

export async function getTemplateKeywords(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templateId = String(this.getCurrentNodeParameter('templateId') ?? '');
	if (!templateId) return [];
	const template = (await templates(this)).find((entry) => entry.template_id === templateId);
	if (!template) return [];
	const example = template.example ?? '';
	return templateKeywords(template.content).map((keyword) => {
		// The content line of a keyword ("订单号：{{character_string3.DATA}}") names it for people.
		const label = new RegExp(`([^\\n{}]*)\\{\\{\\s*${keyword}\\.DATA`)
			.exec(template.content)?.[1]
			?.replace(/[：:\s]+$/, '')
			.trim();
		return {
			name: label ? `${label} (${keyword})` : keyword,
			value: keyword,
			description: example ? undefined : `{{${keyword}.DATA}}`,
		};
	});
}
