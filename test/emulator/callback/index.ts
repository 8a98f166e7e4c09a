/**
 * WeChat's side of callbacks: signing, encrypting and POSTing messages and events to a trigger's URL the way
 * WeChat does (retries included), verifying a URL the way the admin console does, and judging the answer.
 * `pushCallback` and `verifyCallbackUrl` work alone; `registerCallbacks` adds the emulator's configured OA
 * targets (events pushed as they happen), the push log and the control routes.
 */
import type { ControlApi } from '../core/control-api';
import type { OaEventListener } from '../oa/events';
import { registerCallbackControls } from './control-routes';
import { CallbackPusher, type CallbackControl } from './pusher';

export interface CallbackModule {
	readonly control: CallbackControl;
	/** Clears the push log; configured targets stay. */
	reset(): void;
	/** Aborts pushes in flight and waits for them to end. */
	close(): Promise<void>;
}

export function registerCallbacks(api: ControlApi, subscribeOaEvents: (listener: OaEventListener) => () => void): CallbackModule {
	const pusher = new CallbackPusher(subscribeOaEvents);
	registerCallbackControls(api, pusher.control);
	return { control: pusher.control, reset: () => pusher.reset(), close: () => pusher.close() };
}

export { pushCallback, type PushRecord } from './push';
export { verifyCallbackUrl, type VerifyRecord } from './verify-url';
export type { CallbackEndpoint, CallbackMode, CallbackPlatform, PushOptions, VerifyOptions } from './options';
export type { AnswerKind, CallbackAnswer } from './reply';
export type { PushAttempt } from './transport';
export type { OaCallbackTarget } from './parse';
export type { CallbackControl, LoggedPush, OaTargetSummary } from './pusher';
export type { XmlObject, XmlValue } from './xml';
