/**
 * A shared-state step that must not outlast a deadline (WeChat's 5 s): Redis commands may take up to their
 * command timeout when Redis stalls, far longer than a callback can wait.
 */

/** What `step` gave if it settled before `deadline` (ms since the epoch), else `late`. */
export async function settleBy<T>(step: Promise<T>, deadline: number, late: T): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<T>((resolve) => {
		timer = setTimeout(() => resolve(late), Math.max(0, deadline - Date.now()));
	});
	try {
		return await Promise.race([step, expired]);
	} finally {
		clearTimeout(timer);
	}
}
