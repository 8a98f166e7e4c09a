/** List published articles (获取成功发布列表, freepublish/batchget): one item per publish, one page or all. */
import { contentListOperation } from '../contentList';

export const { description, execute } = contentListOperation('publish', '/cgi-bin/freepublish/batchget');
