import type { Clock } from './clock';
import type { ControlApi } from './control-api';
import type { MediaStore } from './media-store';
import type { Router } from './router';
import type { TokenStore } from './tokens';

/** What the core offers a platform module: it registers routes and control routes and shares the stores. */
export interface CoreServices {
	router: Router;
	control: ControlApi;
	tokens: TokenStore;
	media: MediaStore;
	clock: Clock;
}
