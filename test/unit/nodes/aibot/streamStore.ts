/**
 * What the AI-bot stream store guarantees, whichever SharedState holds it (in process, or n8n's Redis in queue
 * mode): the test files run these against each. "Two processes" race through the same store.
 */
import {
	closeStream,
	FAILED_NOTICE,
	finalShown,
	findStream,
	handOver,
	openStream,
	pollStream,
	putStreamImages,
	updateStream,
	type StreamState,
} from '../../../../nodes/shared/aibot/streams';

let counter = 0;
const newId = () => `stream-${process.pid}-${Date.now()}-${++counter}`;

async function opened(change: Partial<StreamState> = {}): Promise<string> {
	const id = newId();
	await openStream(id, Date.now());
	if (Object.keys(change).length > 0) await updateStream(id, (state) => ({ ...state, ...change }));
	return id;
}

export function streamStoreContract(): void {
	afterEach(() => jest.restoreAllMocks());

	it('wakes a waiting finish at the next poll, and hands over nothing once a poll showed the final answer', async () => {
		const id = await opened({ content: 'done', finished: true });
		const shown = finalShown(id, 5_000);
		expect(await pollStream(id)).toEqual({ content: 'done', finish: true, card: undefined });
		await expect(shown).resolves.toBe(true);
		expect(await handOver(id)).toBeUndefined();
	});

	it('says false when no poll comes within the wait', async () => {
		const id = await opened({ content: 'done', finished: true });
		const started = Date.now();
		await expect(finalShown(id, 300)).resolves.toBe(false);
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it('hands over the whole content when a replace changed what a poll showed', async () => {
		const id = await opened({ content: 'first draft' });
		await pollStream(id);
		await updateStream(id, (state) => ({ ...state, content: 'rewritten', finished: true }));
		expect(await handOver(id)).toEqual({ rest: 'rewritten', card: undefined, images: 0 });
		expect(await pollStream(id)).toEqual({ content: 'first draft', finish: true });
	});

	it('20 writers appending at once from two processes: every write lands', async () => {
		const id = await opened();
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				updateStream(id, (state) => ({ ...state, content: `${state.content}${String.fromCharCode(97 + i)}` })),
			),
		);
		const state = await findStream(id);
		expect([...(state?.content ?? '')].sort().join('')).toBe('abcdefghijklmnopqrst');
	});

	it('a last poll racing the hand-over: exactly one of them delivers the final answer, never both, never neither', async () => {
		for (let round = 0; round < 15; round++) {
			const id = await opened({ content: 'Part one. ' });
			await pollStream(id);
			await updateStream(id, (state) => ({ ...state, content: 'Part one. Part two.', finished: true }));
			const [view, rest] = await Promise.all([pollStream(id), handOver(id)]);
			if (rest) {
				expect(rest.rest).toBe('Part two.');
				expect(view).toEqual({ content: 'Part one. ', finish: true });
			} else {
				expect(view).toEqual({ content: 'Part one. Part two.', finish: true, card: undefined });
			}
		}
	});

	it("shows the final answer's images with the final poll only", async () => {
		const id = await opened({ content: 'Here:' });
		const state = await findStream(id);
		const images = [{ base64: 'iVBORw0KGgo=', md5: '0123456789abcdef0123456789abcdef' }];
		await putStreamImages(state!, images);
		expect(await pollStream(id)).toEqual({ content: 'Here:', finish: false, card: undefined });
		await updateStream(id, (current) => ({ ...current, finished: true, images: 1 }));
		expect(await pollStream(id)).toEqual({ content: 'Here:', finish: true, card: undefined, images });
	});

	it('closes a stream its run left open, with the notice after a failure, and leaves a finished one alone', async () => {
		const failed = await opened({ content: 'Half an answer' });
		expect(await closeStream(failed, true)).toBe(true);
		expect(await pollStream(failed)).toEqual({
			content: `Half an answer\n\n${FAILED_NOTICE}`,
			finish: true,
			card: undefined,
		});
		const quiet = await opened();
		expect(await closeStream(quiet, false)).toBe(true);
		expect(await pollStream(quiet)).toEqual({ content: '', finish: true, card: undefined });
		const done = await opened({ content: 'All of it', finished: true });
		expect(await closeStream(done, true)).toBe(false);
		expect((await findStream(done))?.content).toBe('All of it');
		expect(await closeStream('no-such-stream', true)).toBe(false);
	});
}
