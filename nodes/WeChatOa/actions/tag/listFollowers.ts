/** List a tag's followers (获取标签下粉丝列表): shared with WeChat OA Mass Send's Audience → List Tag Followers. */
import { listTagFollowersOperation } from '../../../shared/oa/audience';

export const { description, execute } = listTagFollowersOperation({ resource: ['tag'], operation: ['listFollowers'] });
