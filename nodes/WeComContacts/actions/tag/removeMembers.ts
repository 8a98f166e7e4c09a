/** Remove members from a tag (删除标签成员): tag/deltagusers. */
import { memberOperation } from './members';

export const { description, execute } = memberOperation('removeMembers', '/cgi-bin/tag/deltagusers');
