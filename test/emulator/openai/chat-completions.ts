/**
 * POST /v1/chat/completions: the key checked, the body checked the way OpenAI refuses a bad one (HTTP status and
 * `error.message`), then the answer (answers.ts) as one object or as server-sent events, and what the model was
 * given kept for tests: every message in order (system prompt, the earlier turns a memory added, the question).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock';
import { isList, isRecord, nonEmptyString } from '../core/json';
import type { ApiReply, ApiRequest, PublicRoute } from '../core/router';
import type { AnswerScript } from './answers';
import { completionEvents, completionObject, estimateTokens } from './completion';
import { checkApiKey } from './auth';
import { openAiError, openAiPlatform } from './errors';

export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/** Keeps a long `npm start` session from growing without bound. */
const MAX_REQUESTS = 10_000;

export interface ModelMessage {
	role: string;
	/** The text of the message (a list of content parts joined). */
	content: string;
}

/** One completion the model answered. */
export interface ModelRequest {
	/** Emulator clock, ms since the epoch. */
	at: number;
	model: string;
	stream: boolean;
	messages: ModelMessage[];
	answer: string;
	/** The answer came from the script rather than from the request. */
	scripted: boolean;
}

function textOf(content: unknown): string | undefined {
	if (typeof content === 'string') return content;
	if (content === null) return '';
	if (!isList(content)) return undefined;
	const parts: string[] = [];
	for (const part of content) {
		if (!isRecord(part) || typeof part.type !== 'string') return undefined;
		if (part.type === 'text' && typeof part.text === 'string') parts.push(part.text);
	}
	return parts.join('');
}

function parseMessages(value: unknown): ModelMessage[] | string {
	if (!isList(value) || value.length === 0) return "[] is too short - 'messages'";
	const messages: ModelMessage[] = [];
	for (const [index, message] of value.entries()) {
		if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) {
			return `Invalid value for 'messages[${index}].role': expected one of ${[...ROLES].join(', ')}.`;
		}
		const content = textOf(message.content);
		if (content === undefined)
			return `Invalid type for 'messages[${index}].content': expected a string or a list of content parts.`;
		messages.push({ role: message.role, content });
	}
	return messages;
}

export class ChatCompletions {
	readonly received: ModelRequest[] = [];

	constructor(
		private readonly clock: Clock,
		private readonly script: AnswerScript,
		private readonly keys: ReadonlySet<string>,
		private readonly models: ReadonlySet<string>,
	) {}

	route(): PublicRoute {
		return {
			method: 'POST',
			path: CHAT_COMPLETIONS_PATH,
			platform: openAiPlatform,
			auth: 'none',
			handle: (req) => this.handle(req),
		};
	}

	reset(): void {
		this.received.length = 0;
	}

	private handle(req: ApiRequest): ApiReply {
		const refused = checkApiKey(req, this.keys);
		if (refused) return refused;
		const body = req.json;
		if (!isRecord(body))
			return openAiError(
				400,
				'We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.',
			);
		if (!nonEmptyString(body.model)) return openAiError(400, 'you must provide a model parameter');
		if (!this.models.has(body.model)) {
			return openAiError(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, {
				code: 'model_not_found',
			});
		}
		const messages = parseMessages(body.messages);
		if (typeof messages === 'string') return openAiError(400, messages, { param: 'messages' });
		if (body.stream !== undefined && typeof body.stream !== 'boolean') {
			return openAiError(400, "Invalid type for 'stream': expected a boolean.", { param: 'stream' });
		}
		const stream = body.stream === true;
		const users = messages.filter((message) => message.role === 'user');
		const answer = this.script.next(users[users.length - 1]?.content ?? '', users.length);
		this.received.push({
			at: this.clock.now(),
			model: body.model,
			stream,
			messages,
			answer: answer.content,
			scripted: answer.scripted,
		});
		if (this.received.length > MAX_REQUESTS) this.received.shift();
		const completion = {
			id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
			created: Math.floor(this.clock.now() / 1000),
			model: body.model,
			answer,
			promptTokens: messages.reduce((sum, message) => sum + estimateTokens(message.content), 0),
		};
		if (!stream) return { kind: 'json', status: 200, body: completionObject(completion) };
		const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
		return { kind: 'events', status: 200, events: completionEvents(completion, includeUsage), gapMs: answer.gapMs };
	}
}
