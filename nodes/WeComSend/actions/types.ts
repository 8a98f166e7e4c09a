import type { Operation } from '../../shared/execution/router';
import type { WeComRun } from '../../shared/wecom/run';

export type WeComOperation = Operation<WeComRun>;
