/** The in-process stream store: bounded (oldest dropped first), expiring, forgotten with the process state. */
import {
	findStream,
	handOver,
	MAX_STREAMS,
	nextPoll,
	openStream,
	pollStream,
} from '../../../../nodes/shared/aibot/streams';
import { resetProcessState, restoreTimings, timings } from '../../../../nodes/shared/testSeam';

afterEach(() => {
	jest.useRealTimers();
	restoreTimings();
	resetProcessState();
});

it('holds at most MAX_STREAMS streams, dropping the oldest', () => {
	for (let i = 0; i <= MAX_STREAMS; i++) openStream(`s${i}`, Date.now());
	expect(findStream('s0')).toBeUndefined();
	expect(findStream('s1')).toBeDefined();
	expect(findStream(`s${MAX_STREAMS}`)).toBeDefined();
});

it('forgets a stream an hour after WeCom stopped polling it', () => {
	jest.useFakeTimers({ now: 1_000_000 });
	timings.aiBotPollWindowMs = 1_000;
	openStream('old', Date.now());
	jest.setSystemTime(1_000_000 + 1_000 + 60 * 60_000 - 1);
	expect(findStream('old')).toBeDefined();
	jest.setSystemTime(1_000_000 + 1_000 + 60 * 60_000 + 1);
	expect(findStream('old')).toBeUndefined();
});

it('wakes a waiting finish at the next poll, and hands over nothing once a poll showed the final answer', async () => {
	const stream = openStream('s', Date.now());
	stream.content = 'done';
	stream.finished = true;
	const polled = nextPoll(stream, 5_000);
	expect(pollStream(stream)).toEqual({ content: 'done', finish: true, card: undefined });
	await expect(polled).resolves.toBe(true);
	expect(handOver(stream)).toBeUndefined();
});

it('hands over the whole content when a replace changed what a poll showed', () => {
	const stream = openStream('s', Date.now());
	stream.content = 'first draft';
	pollStream(stream);
	stream.content = 'rewritten';
	stream.finished = true;
	expect(handOver(stream)).toEqual({ rest: 'rewritten', card: undefined });
	expect(pollStream(stream)).toEqual({ content: 'first draft', finish: true });
});

it('is forgotten with the process state', () => {
	openStream('s', Date.now());
	resetProcessState();
	expect(findStream('s')).toBeUndefined();
});
