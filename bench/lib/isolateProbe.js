'use strict';
/**
 * Preloaded into the benchmark's n8n (`node -r`), never into a user's: measures how long each request holds n8n's
 * expression isolate and what runs inside the hold. n8n 2.41.1's vm engine takes an isolate per caller
 * (WorkflowExpression.acquireIsolate), from a warm pool of N8N_EXPRESSION_ENGINE_POOL_SIZE or, when the pool is
 * empty, by building one on the spot (a cold start), and throws it away on release. Recorded, by who acquired:
 *
 *   webhook      the live webhook phase (live-webhooks.js) of a trigger other than n8n's own Webhook node
 *   credentials  getCredentials in a webhook, which resolves the credential's expressions in an isolate of its own
 *   execution    the workflow run (workflow-execute.js)
 *
 * and, for our triggers' webhook() inside the webhook phase: from the isolate acquired to webhook() starting, to the
 * HTTP answer, to the release; every getCredentials and getNodeParameter call and its time. On SIGUSR2 the records
 * so far are written as JSON to $BENCH_ISOLATE_PROBE and forgotten (the benchmark asks after each burst).
 */
const fs = require('node:fs');
const path = require('node:path');

const out = process.env.BENCH_ISOLATE_PROBE;
const from = { paths: [path.dirname(process.argv[1])] };
const { WorkflowExpression, Expression } = require(require.resolve('n8n-workflow', from));
const { WebhookContext } = require(require.resolve('n8n-core', from));

let holds = [];
/** Per Workflow object of a webhook phase: its hold record. */
const phases = new WeakMap();
let coldStarts = 0;

function originOf(stack) {
	if (/live-webhooks/.test(stack)) return 'webhook';
	if (/credentials-helper/.test(stack)) return 'credentials';
	if (/workflow-execute/.test(stack)) return 'execution';
	return 'other';
}

/** Counts acquisitions that found the warm pool empty (the evaluator then builds an isolate on the spot). */
function watchPool() {
	const evaluator = Expression.vmEvaluator;
	if (!evaluator || evaluator.__probed) return;
	evaluator.__probed = true;
	const acquire = evaluator.pool.acquire.bind(evaluator.pool);
	evaluator.pool.acquire = () => {
		try {
			return acquire();
		} catch (error) {
			coldStarts++;
			throw error;
		}
	};
}

const acquireIsolate = WorkflowExpression.prototype.acquireIsolate;
WorkflowExpression.prototype.acquireIsolate = async function () {
	watchPool();
	const record = { origin: originOf(new Error().stack), asked: performance.now() };
	const acquired = await acquireIsolate.call(this);
	if (!acquired) return acquired;
	record.acquired = performance.now();
	this.__hold = record;
	holds.push(record);
	if (record.origin === 'webhook') phases.set(this.workflow, record);
	return acquired;
};
const releaseIsolate = WorkflowExpression.prototype.releaseIsolate;
WorkflowExpression.prototype.releaseIsolate = async function () {
	if (this.__hold && this.__hold.released === undefined) this.__hold.released = performance.now();
	return await releaseIsolate.call(this);
};

/** Our webhook() starts with getResponseObject(); the answer is the response's 'finish'. */
const getResponseObject = WebhookContext.prototype.getResponseObject;
WebhookContext.prototype.getResponseObject = function () {
	const res = getResponseObject.call(this);
	const phase = phases.get(this.workflow);
	if (phase && phase.webhookStarted === undefined) {
		phase.webhookStarted = performance.now();
		phase.calls = [];
		res.once('finish', () => (phase.answered = performance.now()));
	}
	return res;
};
const getCredentials = WebhookContext.prototype.getCredentials;
WebhookContext.prototype.getCredentials = async function (...args) {
	const started = performance.now();
	try {
		return await getCredentials.apply(this, args);
	} finally {
		phases.get(this.workflow)?.calls?.push(['getCredentials', performance.now() - started]);
	}
};
const getNodeParameter = WebhookContext.prototype.getNodeParameter;
WebhookContext.prototype.getNodeParameter = function (...args) {
	const started = performance.now();
	try {
		return getNodeParameter.apply(this, args);
	} finally {
		phases.get(this.workflow)?.calls?.push([`getNodeParameter(${args[0]})`, performance.now() - started]);
	}
};

process.on('SIGUSR2', () => {
	fs.writeFileSync(`${out}.tmp`, JSON.stringify({ coldStarts, holds }));
	fs.renameSync(`${out}.tmp`, out);
	holds = [];
	coldStarts = 0;
});
