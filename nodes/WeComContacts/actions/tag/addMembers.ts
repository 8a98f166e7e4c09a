/** Add members to a tag (增加标签成员): tag/addtagusers. */
import { memberOperation } from './members';

export const { description, execute } = memberOperation('addMembers', '/cgi-bin/tag/addtagusers');
