/** One resource of the WeCom Contacts node (see shared/execution/resourceModule.ts). */
import type { ResourceModule } from '../../shared/execution/resourceModule';
import type { WeComRun } from '../../shared/wecom/run';

export type ContactsResourceModule = ResourceModule<WeComRun>;
