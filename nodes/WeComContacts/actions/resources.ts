/** Every resource of the WeCom Contacts node, in the order the Resource picker shows them. */
import { moduleProperties, moduleResources } from '../../shared/execution/resourceModule';
import { openWeComRun } from '../../shared/wecom/run';
import type { ContactsResourceModule } from './resourceModule';
import { departmentResource } from './department/resource';
import { memberResource } from './member/resource';
import { tagResource } from './tag/resource';

const resourceModules: ContactsResourceModule[] = [departmentResource, memberResource, tagResource];

export const resources = moduleResources(resourceModules, openWeComRun);

export const properties = moduleProperties(resourceModules, 'member');
