/** List the account's tags (获取公众号已创建的标签): shared with WeChat OA Mass Send's Audience → List Tags. */
import { listTagsOperation } from '../../../shared/oa/audience';

export const { description, execute } = listTagsOperation({ resource: ['tag'], operation: ['list'] });
