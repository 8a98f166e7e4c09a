/** Every follower (获取用户列表): shared with WeChat OA Mass Send's Audience → List Followers. */
import { listFollowersOperation } from '../../../shared/oa/audience';

export const { description, execute } = listFollowersOperation({ resource: ['follower'], operation: ['listAll'] });
