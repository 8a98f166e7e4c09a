/** List the followers with a tag (获取标签下粉丝列表): the same operation as WeChat OA's Tag → List Followers. */
import { listTagFollowersOperation } from '../../../shared/oa/audience';

export const { description, execute } = listTagFollowersOperation({
	resource: ['audience'],
	operation: ['listTagFollowers'],
});
