/**
 * WeCom's side of an AI-bot conversation in callback-URL mode, over HTTP: the message POSTed encrypted (retried
 * when no answer comes within 5 s, as WeCom does), its answer opened with Tencent's @wecom/crypto (signature,
 * receiveid ""), and, when the answer is an open stream, stream-refresh polls at WeCom's pace until the stream
 * finishes or WeCom's polling time is over. Every answer is judged as WeCom would take it (the same body rules
 * as the long connection's reply frames: a stream's content size, msg_item images only with the final chunk, with
 * the md5 of their bytes; a welcome's or a card update's shape); a refused answer carries its `problem`. Nothing
 * from nodes/ is used.
 */
import { randomBytes } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { exchange, type PushAttempt } from '../callback/transport';
import { aiBotCallback, type AiBotSecrets } from './callback';
import { checkReplyBody } from './longConnectionBodies';
import { Cmd } from './longConnectionFrames';

export interface ConverseOptions extends AiBotSecrets {
	url: string;
	/** The decrypted message WeCom sends (msgid, aibotid, from, msgtype, ...). */
	message: Record<string, unknown>;
	/** Default 5,000 ms per try, 4 tries. */
	timeoutMs?: number;
	tries?: number;
	/** Between polls; default 1,000 ms. */
	pollEveryMs?: number;
	/** How long WeCom polls from the message on; default 6 minutes. */
	pollForMs?: number;
}

export interface OpenedAnswer {
	status: number;
	ms: number;
	/** The decrypted reply JSON; undefined for an empty answer. */
	reply?: Record<string, unknown>;
	/** Why the answer is not a valid encrypted reply (bad signature, receiveid, JSON). */
	problem?: string;
}

export interface Conversation {
	attempts: PushAttempt[];
	answer?: OpenedAnswer;
	polls: OpenedAnswer[];
	/** The stream's last content and whether a poll saw it finished. */
	content?: string;
	finished: boolean;
	/** The images the final chunk showed (msg_item), by the md5 and size of their bytes. */
	images?: Array<{ md5: string; bytes: number }>;
}

/** Which passive answer WeCom expects for this message: a welcome, a card update, or a stream. */
function answerCmd(message: Record<string, unknown>): string {
	const event =
		message.msgtype === 'event' ? (message.event as { eventtype?: unknown } | undefined)?.eventtype : undefined;
	if (event === 'enter_chat') return Cmd.respondWelcome;
	if (event === 'template_card_event') return Cmd.respondUpdate;
	return Cmd.respond;
}

export function openAnswer(secrets: AiBotSecrets, attempt: PushAttempt, cmd: string = Cmd.respond): OpenedAnswer {
	const base = { status: attempt.status, ms: attempt.ms };
	if (attempt.status !== 200 || attempt.body === '') return base;
	try {
		const envelope = JSON.parse(attempt.body) as Record<string, unknown>;
		const { encrypt, msgsignature, timestamp, nonce } = envelope;
		if (
			typeof encrypt !== 'string' ||
			getSignature(secrets.token, String(timestamp), String(nonce), encrypt) !== msgsignature
		) {
			return { ...base, problem: 'msgsignature does not match' };
		}
		const { message, id } = decrypt(secrets.encodingAesKey, encrypt);
		if (id !== '') return { ...base, problem: `encrypted for receiveid "${id}", not ""` };
		const reply = JSON.parse(message) as Record<string, unknown>;
		const refused = checkReplyBody(cmd, reply);
		return refused ? { ...base, reply, problem: `WeCom refuses this answer: ${refused}` } : { ...base, reply };
	} catch (error) {
		return { ...base, problem: `not an encrypted JSON reply: ${(error as Error).message}` };
	}
}

async function post(options: ConverseOptions, message: Record<string, unknown>, tries: number): Promise<PushAttempt[]> {
	const attempts: PushAttempt[] = [];
	const request = aiBotCallback(options, message);
	const url = `${options.url}?${new URLSearchParams(request.query).toString()}`;
	for (let i = 0; i < tries; i++) {
		const attempt = await exchange({
			method: 'POST',
			url,
			body: request.body,
			timeoutMs: options.timeoutMs ?? 5_000,
			contentType: 'application/json',
		});
		attempts.push(attempt);
		if (attempt.status !== 0) break;
	}
	return attempts;
}

interface StreamBody {
	id?: string;
	content?: string;
	finish?: boolean;
	msg_item?: Array<{ image?: { base64?: string; md5?: string } }>;
}

const streamOf = (answer: OpenedAnswer | undefined) => answer?.reply?.stream as StreamBody | undefined;

const imagesOf = (stream: StreamBody) =>
	(stream.msg_item ?? []).map((item) => ({
		md5: String(item.image?.md5),
		bytes: Buffer.from(String(item.image?.base64), 'base64').length,
	}));

export async function converse(options: ConverseOptions): Promise<Conversation> {
	const started = Date.now();
	const attempts = await post(options, options.message, options.tries ?? 4);
	const answer = openAnswer(options, attempts[attempts.length - 1], answerCmd(options.message));
	const conversation: Conversation = { attempts, answer, polls: [], finished: false };
	const stream = streamOf(answer);
	if (!stream?.id) return conversation;
	conversation.content = stream.content;
	conversation.finished = stream.finish === true;
	const pollFor = options.pollForMs ?? 6 * 60_000;
	while (!conversation.finished && Date.now() - started < pollFor) {
		await new Promise((resolve) => setTimeout(resolve, options.pollEveryMs ?? 1_000));
		const {
			msgid: _msgid,
			msgtype: _msgtype,
			response_url: _url,
			text: _text,
			image: _image,
			mixed: _mixed,
			voice: _voice,
			file: _file,
			...common
		} = options.message;
		const poll = { ...common, msgid: randomBytes(12).toString('hex'), msgtype: 'stream', stream: { id: stream.id } };
		const [attempt] = await post(options, poll, 1);
		const opened = openAnswer(options, attempt);
		conversation.polls.push(opened);
		const state = streamOf(opened);
		if (state) {
			conversation.content = state.content;
			conversation.finished = state.finish === true;
			if (state.finish === true) conversation.images = imagesOf(state);
		}
	}
	return conversation;
}
