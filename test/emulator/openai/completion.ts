/**
 * The two shapes of a chat completion, as OpenAI sends them (platform.openai.com/docs/api-reference/chat):
 * one `chat.completion` object, or with `stream: true` a series of `chat.completion.chunk` events (the role
 * first, then content deltas, then `finish_reason: "stop"`, with `stream_options.include_usage` a last chunk
 * with no choices and the usage, each other chunk then carrying `"usage": null`), ended by `[DONE]`.
 */
import type { JsonObject } from '../core/json';
import type { Answer } from './answers';

export interface Completion {
	id: string;
	/** Seconds since the epoch. */
	created: number;
	model: string;
	answer: Answer;
	promptTokens: number;
}

/** The emulator has no tokenizer: about four characters a token, at least one, as a stand-in count. */
export function estimateTokens(text: string): number {
	return Math.max(1, Math.ceil([...text].length / 4));
}

const SYSTEM_FINGERPRINT = 'fp_emulator';

function usage(completion: Completion): JsonObject {
	const completionTokens = estimateTokens(completion.answer.content);
	return {
		prompt_tokens: completion.promptTokens,
		completion_tokens: completionTokens,
		total_tokens: completion.promptTokens + completionTokens,
	};
}

export function completionObject(completion: Completion): JsonObject {
	return {
		id: completion.id,
		object: 'chat.completion',
		created: completion.created,
		model: completion.model,
		choices: [
			{
				index: 0,
				message: { role: 'assistant', content: completion.answer.content, refusal: null },
				logprobs: null,
				finish_reason: 'stop',
			},
		],
		usage: usage(completion),
		system_fingerprint: SYSTEM_FINGERPRINT,
	};
}

export function completionEvents(completion: Completion, includeUsage: boolean): string[] {
	const chunk = (choices: JsonObject[], extra: JsonObject = {}): string =>
		JSON.stringify({
			id: completion.id,
			object: 'chat.completion.chunk',
			created: completion.created,
			model: completion.model,
			system_fingerprint: SYSTEM_FINGERPRINT,
			choices,
			...(includeUsage ? { usage: null } : {}),
			...extra,
		});
	const delta = (content: JsonObject, finishReason: string | null = null): JsonObject => ({
		index: 0,
		delta: content,
		logprobs: null,
		finish_reason: finishReason,
	});
	return [
		chunk([delta({ role: 'assistant', content: '', refusal: null })]),
		...completion.answer.chunks.map((content) => chunk([delta({ content })])),
		chunk([delta({}, 'stop')]),
		...(includeUsage ? [chunk([], { usage: usage(completion) })] : []),
		'[DONE]',
	];
}
