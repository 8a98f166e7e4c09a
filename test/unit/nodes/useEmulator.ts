/**
 * One emulator per test file, reset with the process-wide caches before each test, and the transport's
 * retries and timeouts shortened for the file so fault tests stay fast; production values are untouched.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { clearTokenMemory } from '../../../nodes/shared/transport/token';
import { clearForcedRefreshes } from '../../../nodes/shared/transport/oa';
import { retryTiming } from '../../../nodes/shared/transport/retry';
import { httpSettings } from '../../../nodes/shared/transport/http';

/** Returns an accessor: the emulator exists from beforeAll on. */
export function useEmulator(options: EmulatorOptions): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		retryTiming.scale = 0.01;
		httpSettings.timeoutMs = 1_000;
		emulator = await startEmulator(options);
	});
	beforeEach(() => {
		emulator?.reset();
		clearTokenMemory();
		clearForcedRefreshes();
	});
	afterAll(async () => {
		await emulator?.close();
		retryTiming.scale = 1;
		httpSettings.timeoutMs = 15_000;
	});
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}
