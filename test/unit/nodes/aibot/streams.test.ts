/** The stream store in process (n8n's regular mode): the shared contract, and forgotten with the process. */
import { findStream, openStream, pollStream } from '../../../../nodes/shared/aibot/streams';
import { sharedState } from '../../../../nodes/shared/state';
import { resetProcessState, restoreTimings, timings } from '../../../../nodes/shared/testSeam';
import { streamStoreContract } from './streamStore';

afterEach(() => {
	restoreTimings();
	resetProcessState();
});

it('lives in this process', () => {
	expect(sharedState().kind).toBe('process');
});

describe('stream store contract: in process', streamStoreContract);

it("forgets a stream an hour after WeCom stopped polling it, by the process's clock", async () => {
	timings.aiBotPollWindowMs = 1_000;
	const start = Date.now();
	await openStream('forgotten', start);
	const now = jest.spyOn(Date, 'now');
	try {
		now.mockReturnValue(start + 1_000 + 60 * 60_000 - 50);
		expect(await findStream('forgotten')).toBeDefined();
		now.mockReturnValue(start + 1_000 + 60 * 60_000 + 50);
		expect(await findStream('forgotten')).toBeUndefined();
		expect(await pollStream('forgotten')).toBeUndefined();
	} finally {
		now.mockRestore();
	}
});

it('is forgotten with the process state', async () => {
	await openStream('s', Date.now());
	resetProcessState();
	expect(await findStream('s')).toBeUndefined();
});
