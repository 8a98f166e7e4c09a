/**
 * The shape of one resource of the WeChat OA node: its entry in the Resource picker, its Operation picker and
 * its operations (one file each). `resources.ts` lists them; the node derives its properties and router from that list.
 */
import type { ResourceModule } from '../../shared/execution/resourceModule';
import type { OaRun } from '../../shared/oa/run';

export type OaResourceModule = ResourceModule<OaRun>;
