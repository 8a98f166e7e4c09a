/**
 * /__emulator/openai/… for the out-of-process users (e2e suite, `npm start`):
 *   POST answers   {answers: [{content, chunks?, gapMs?}, …]} → {pending}: what the next completions answer, in order
 *   GET  answers   the scripted answers not yet used
 *   GET  requests  the completions the model answered, oldest first: model, stream, messages, answer
 */
import { badRequest, ok, type ControlApi } from '../core/control-api';
import { isList, isRecord } from '../core/json';
import { parseScriptedAnswer, type ScriptedAnswer } from './answers';
import type { OpenAiControl } from './index';

export function registerOpenAiControls(api: ControlApi, control: OpenAiControl): void {
	api.add('POST', 'openai/answers', ({ body }) => {
		if (!isRecord(body) || !isList(body.answers)) return badRequest('body must be {"answers": [...]}');
		const answers: ScriptedAnswer[] = [];
		for (const value of body.answers) {
			const answer = parseScriptedAnswer(value);
			if (typeof answer === 'string') return badRequest(answer);
			answers.push(answer);
		}
		control.script(answers);
		return ok({ pending: control.pendingAnswers().length });
	});
	api.add('GET', 'openai/answers', () => ok(control.pendingAnswers()));
	api.add('GET', 'openai/requests', () => ok(control.requests()));
}
