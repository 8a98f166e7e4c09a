/**
 * An OpenAI-compatible model endpoint (`/v1/chat/completions`, `/v1/models`) on the emulator's server, so n8n's
 * own AI Agent and OpenAI Chat Model run in tests and `npm start` without any outside model: point an OpenAI
 * credential's Base URL at `<emulator>/v1` with the key OPENAI_DEMO_KEY. Answers are fixed: scripted by a test,
 * or derived from the request (answers.ts); streamed as server-sent events when the request asks for it.
 */
import type { Clock } from '../core/clock';
import type { ControlApi } from '../core/control-api';
import type { Router } from '../core/router';
import { AnswerScript, type ScriptedAnswer } from './answers';
import { ChatCompletions, type ModelRequest } from './chat-completions';
import { registerOpenAiControls } from './control-routes';
import { EMULATED_MODELS, modelsRoute } from './models';

/** The one API key the emulated endpoint accepts (a demo value, not a secret). */
export const OPENAI_DEMO_KEY = 'sk-emulator-demo-key-0123456789';

export interface OpenAiControl {
	/** Queues what the next completions answer, in order; after them, answers are derived from the request again. */
	script(answers: readonly ScriptedAnswer[]): void;
	pendingAnswers(): ScriptedAnswer[];
	/** The completions the model answered, oldest first. */
	requests(): ModelRequest[];
}

export function registerOpenAi(
	router: Router,
	api: ControlApi,
	clock: Clock,
): { control: OpenAiControl; reset(): void } {
	const keys = new Set([OPENAI_DEMO_KEY]);
	const script = new AnswerScript();
	const completions = new ChatCompletions(clock, script, keys, new Set(EMULATED_MODELS));
	router.add(completions.route());
	router.add(modelsRoute(keys));
	const control: OpenAiControl = {
		script: (answers) => script.add(answers),
		pendingAnswers: () => script.pending(),
		requests: () => [...completions.received],
	};
	registerOpenAiControls(api, control);
	return {
		control,
		reset: () => {
			script.reset();
			completions.reset();
		},
	};
}

export { derivedAnswer, type ScriptedAnswer } from './answers';
export type { ModelMessage, ModelRequest } from './chat-completions';
