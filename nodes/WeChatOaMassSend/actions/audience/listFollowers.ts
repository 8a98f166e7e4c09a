/** List every follower (获取用户列表): the same operation as WeChat OA's Follower → List All. */
import { listFollowersOperation } from '../../../shared/oa/audience';

export const { description, execute } = listFollowersOperation({
	resource: ['audience'],
	operation: ['listFollowers'],
});
