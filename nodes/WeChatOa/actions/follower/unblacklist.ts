/** Take followers off the blacklist (取消拉黑用户): tags/members/batchunblacklist, 20 a call. */
import { blacklistOperation } from './blacklistMembers';

export const { description, execute } = blacklistOperation(
	'unblacklist',
	'/cgi-bin/tags/members/batchunblacklist',
	'were taken off the blacklist',
);
