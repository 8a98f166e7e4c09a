/** List drafts (获取草稿列表, draft/batchget): one item per draft, newest first, one page or all. */
import { contentListOperation } from '../contentList';

export const { description, execute } = contentListOperation('draft', '/cgi-bin/draft/batchget');
