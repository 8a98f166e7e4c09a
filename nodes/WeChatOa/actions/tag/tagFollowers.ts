/** Tag followers (批量为用户打标签): tags/members/batchtagging, 50 openids a call. A follower has at most 20 tags (45059). */
import { memberOperation } from './members';

export const { description, execute } = memberOperation(
	'tagFollowers',
	'/cgi-bin/tags/members/batchtagging',
	'were tagged',
);
