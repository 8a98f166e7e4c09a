/** freepublish/get's answer as output: the status as a word next to its number, article URLs as a list. */
import type { IDataObject } from 'n8n-workflow';
import type { JsonObject } from '../../../shared/transport/client';

/** "0:成功, 1:发布中, 2:原创失败, 3:常规失败, 4:平台审核不通过, 5:成功后用户删除所有文章, 6:成功后系统封禁所有文章". */
const STATUS_NAMES: Record<number, string> = {
	0: 'success',
	1: 'publishing',
	2: 'originalCheckFailed',
	3: 'failed',
	4: 'rejectedByReview',
	5: 'deletedByUser',
	6: 'bannedBySystem',
};

export const PUBLISHING = 1;

export function publishStatus(answer: JsonObject): IDataObject {
	const status = Number(answer.publish_status);
	const detail = (answer.article_detail ?? {}) as { item?: Array<{ idx?: unknown; article_url?: unknown }> };
	const articles = (detail.item ?? []).map((item) => ({
		idx: Number(item.idx),
		article_url: String(item.article_url ?? ''),
	}));
	return {
		publish_id: String(answer.publish_id ?? ''),
		publish_status: status,
		status: STATUS_NAMES[status] ?? 'unknown',
		article_id: answer.article_id === undefined ? '' : String(answer.article_id),
		article_url: articles[0]?.article_url ?? '',
		articles,
		fail_idx: Array.isArray(answer.fail_idx) ? answer.fail_idx.map(Number) : [],
	};
}
