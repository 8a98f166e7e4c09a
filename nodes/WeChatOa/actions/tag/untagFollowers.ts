/** Untag followers (批量为用户取消标签): tags/members/batchuntagging, 50 openids a call. */
import { memberOperation } from './members';

export const { description, execute } = memberOperation(
	'untagFollowers',
	'/cgi-bin/tags/members/batchuntagging',
	'were untagged',
);
