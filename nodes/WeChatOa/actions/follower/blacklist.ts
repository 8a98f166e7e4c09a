/** Blacklist followers (拉黑用户): tags/members/batchblacklist, 20 a call. */
import { blacklistOperation } from './blacklistMembers';

export const { description, execute } = blacklistOperation(
	'blacklist',
	'/cgi-bin/tags/members/batchblacklist',
	'were blacklisted',
);
