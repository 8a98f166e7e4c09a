/**
 * One emulator per test file, reset with the process-wide caches before each test, and the transport's
 * retries and timeouts shortened for the file so fault tests stay fast; production values are untouched.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { resetProcessState, restoreTimings, timings } from '../../../nodes/shared/testSeam';

/** Returns an accessor: the emulator exists from beforeAll on. */
export function useEmulator(options: EmulatorOptions): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		timings.retryScale = 0.01;
		timings.httpTimeoutMs = 1_000;
		emulator = await startEmulator(options);
	});
	beforeEach(() => {
		emulator?.reset();
		resetProcessState();
	});
	afterAll(async () => {
		await emulator?.close();
		restoreTimings();
	});
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}
