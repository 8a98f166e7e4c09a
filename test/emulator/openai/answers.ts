/**
 * What the emulated model says. A test can queue answers (`script`); otherwise the answer is derived from the
 * request alone: the last user message and how many user messages the request holds, so a test can predict it
 * and can see from it whether the model was given the earlier turns of the chat.
 */
import { isList, isRecord } from '../core/json';

export interface ScriptedAnswer {
	content: string;
	/** How a streamed answer is cut into deltas (they must join to `content`); default DEFAULT_CHUNK_CHARS each. */
	chunks?: string[];
	/** Milliseconds between streamed events; default DEFAULT_GAP_MS. */
	gapMs?: number;
}

export interface Answer {
	content: string;
	chunks: string[];
	gapMs: number;
	/** Taken from the script, rather than derived from the request. */
	scripted: boolean;
}

/** Characters (code points, so a surrogate pair or a CJK character is never split) per streamed delta. */
const DEFAULT_CHUNK_CHARS = 4;
const DEFAULT_GAP_MS = 10;

/** The answer a request gets when nothing is scripted: predictable from the request alone. */
export function derivedAnswer(lastUserMessage: string, userTurns: number): string {
	return `你说：「${lastUserMessage}」。这是模拟模型第 ${userTurns} 轮的回答。`;
}

export function chunksOf(content: string, size = DEFAULT_CHUNK_CHARS): string[] {
	const chars = [...content];
	const chunks: string[] = [];
	for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(''));
	return chunks;
}

/** A scripted answer from a control request, or the reason it is refused. */
export function parseScriptedAnswer(value: unknown): ScriptedAnswer | string {
	if (!isRecord(value) || typeof value.content !== 'string')
		return 'each answer must be {"content": string, "chunks"?: string[], "gapMs"?: number}';
	const answer: ScriptedAnswer = { content: value.content };
	if (value.chunks !== undefined) {
		if (!isList(value.chunks) || !value.chunks.every((chunk): chunk is string => typeof chunk === 'string'))
			return 'chunks must be a list of strings';
		if (value.chunks.join('') !== value.content) return 'chunks must join to content';
		answer.chunks = value.chunks;
	}
	if (value.gapMs !== undefined) {
		if (typeof value.gapMs !== 'number' || !(value.gapMs >= 0)) return 'gapMs must be a non-negative number';
		answer.gapMs = value.gapMs;
	}
	return answer;
}

export class AnswerScript {
	private queue: ScriptedAnswer[] = [];

	add(answers: readonly ScriptedAnswer[]): void {
		this.queue.push(...answers);
	}

	pending(): ScriptedAnswer[] {
		return [...this.queue];
	}

	/** The next scripted answer, or the derived one. */
	next(lastUserMessage: string, userTurns: number): Answer {
		const scripted = this.queue.shift();
		const content = scripted?.content ?? derivedAnswer(lastUserMessage, userTurns);
		return {
			content,
			chunks: scripted?.chunks ?? chunksOf(content),
			gapMs: scripted?.gapMs ?? DEFAULT_GAP_MS,
			scripted: scripted !== undefined,
		};
	}

	reset(): void {
		this.queue = [];
	}
}
