'use strict';
/**
 * What the e2e suites share about n8n runs and the emulator: the execution `n8n execute --rawOutput` prints, a
 * node's output items in it, the emulator's control/log client, and when the daily-push example's Schedule
 * Trigger fires. Used by run.js (single process), queue.js (queue mode) and callbacks.js.
 */
const crypto = require('node:crypto');
const h = require('./host');

/** `n8n execute --rawOutput` prints the run as pretty JSON on stdout, after log lines. */
function parseExecution(stdout) {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) throw new Error(`no execution JSON in the output:\n${h.tail(stdout)}`);
	return JSON.parse(stdout.slice(start, end + 2));
}

function outputItems(execution, nodeName) {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run`);
	return runs[0].data?.main?.[0] ?? [];
}

/** The date today in China, as the example's expression formats it (yyyy-MM-dd). */
function shanghaiDate(at = new Date()) {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(at);
}

/**
 * The second within the minute at which n8n's Schedule Trigger fires a "days" rule: n8n spreads such triggers
 * over the minute by a stable hash of workflow id and node id (n8n-nodes-base Schedule/GenericFunctions.js
 * stableInt / toCronExpression).
 */
function scheduleSecond(workflowId, nodeId) {
	const hash = crypto.createHash('sha256').update(`${workflowId}:${nodeId}:second`).digest();
	return hash.readUInt32BE(0) % 60;
}

/** The emulator's control and log API (test/emulator/core/control-routes.ts) as the suites use it. */
function emulatorClient(url) {
	const get = async (pathname) => {
		const response = await fetch(`${url}${pathname}`);
		if (!response.ok) throw new Error(`emulator GET ${pathname} answered ${response.status}`);
		return response.json();
	};
	return {
		url,
		async log(pathname) {
			return get(`/__emulator/log?path=${encodeURIComponent(pathname)}`);
		},
		/** The newest request's seq: logSince(mark) then returns what came after. */
		async mark() {
			const entries = await get('/__emulator/log');
			return entries.length ? entries[entries.length - 1].seq : 0;
		},
		async logSince(mark, pathname) {
			const entries = await get(pathname ? `/__emulator/log?path=${encodeURIComponent(pathname)}` : '/__emulator/log');
			return entries.filter((entry) => entry.seq > mark);
		},
		async state() {
			return get('/__emulator/state');
		},
		async post(pathname, body) {
			const response = await fetch(`${url}${pathname}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body ?? {}),
			});
			if (!response.ok)
				throw new Error(`emulator POST ${pathname} answered ${response.status}: ${await response.text()}`);
			return response.json();
		},
		async reset() {
			const response = await fetch(`${url}/__emulator/reset`, { method: 'POST' });
			if (!response.ok) throw new Error(`emulator reset answered ${response.status}`);
		},
	};
}

module.exports = { emulatorClient, outputItems, parseExecution, scheduleSecond, shanghaiDate };
