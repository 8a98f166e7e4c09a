/** List the account's tags (获取公众号已创建的标签): the same operation as WeChat OA's Tag → List. */
import { listTagsOperation } from '../../../shared/oa/audience';

export const { description, execute } = listTagsOperation({ resource: ['audience'], operation: ['listTags'] });
