/** Every resource of the WeChat OA node, in the order the Resource picker shows them (alphabetical). */
import { moduleProperties, moduleResources } from '../../shared/execution/resourceModule';
import { openOaRun } from '../../shared/oa/run';
import type { OaResourceModule } from './resourceModule';
import { customerServiceResource } from './customerService/resource';
import { draftResource } from './draft/resource';
import { followerResource } from './follower/resource';
import { jsSdkResource } from './jsSdk/resource';
import { materialResource } from './material/resource';
import { menuResource } from './menu/resource';
import { publishResource } from './publish/resource';
import { qrCodeResource } from './qrCode/resource';
import { tagResource } from './tag/resource';
import { webAuthResource } from './webAuth/resource';

export const resourceModules: OaResourceModule[] = [
	customerServiceResource,
	draftResource,
	followerResource,
	jsSdkResource,
	materialResource,
	menuResource,
	publishResource,
	qrCodeResource,
	tagResource,
	webAuthResource,
];

export const resources = moduleResources(resourceModules, openOaRun);

export const properties = moduleProperties(resourceModules, 'draft');
