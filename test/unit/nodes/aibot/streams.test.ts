/** The stream store in process (n8n's regular mode): the shared contract, and forgotten with the process. */
import { findStream, openStream } from '../../../../nodes/shared/aibot/streams';
import { sharedState } from '../../../../nodes/shared/state';
import { resetProcessState, restoreTimings } from '../../../../nodes/shared/testSeam';
import { streamStoreContract } from './streamStore';

afterEach(() => {
	restoreTimings();
	resetProcessState();
});

it('lives in this process', () => {
	expect(sharedState().kind).toBe('process');
});

describe('stream store contract: in process', streamStoreContract);

it('is forgotten with the process state', async () => {
	await openStream('s', Date.now());
	resetProcessState();
	expect(await findStream('s')).toBeUndefined();
});
