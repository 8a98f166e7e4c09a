'use strict';
/**
 * Preloaded into ONE `n8n execute` of the e2e suite (`node -r robot-pacing.js n8n execute ...`) so a batch of robot
 * messages that has to wait for several rate windows finishes in seconds instead of minutes. It sets the robot
 * window of the installed package's test seam (`timings` in dist/nodes/shared/testSeam.js, the one object through
 * which tests change our waits) to E2E_ROBOT_PACING = "<max>/<windowMs>"; the pacing code, the node and n8n run
 * unchanged. The suite also runs a batch at the real 20 a minute, without this file. Test tooling only, like
 * fake-clock.js; not part of the package.
 */
const Module = require('node:module');
const path = require('node:path');

const spec = /^(\d+)\/(\d+)$/.exec(process.env.E2E_ROBOT_PACING ?? '');
if (spec) {
	const max = Number(spec[1]);
	const windowMs = Number(spec[2]);
	const ours = `${path.sep}n8n-nodes-wecom-oa${path.sep}`;
	const load = Module._load;
	Module._load = function (request, parent, ...rest) {
		const exported = load.call(this, request, parent, ...rest);
		if (/(^|[\\/])testSeam(\.js)?$/.test(request) && exported && typeof exported.timings === 'object') {
			let file = '';
			try {
				file = Module._resolveFilename(request, parent);
			} catch {
				// not resolvable from here: not ours
			}
			const { timings } = exported;
			if (file.includes(ours) && (timings.robotMax !== max || timings.robotWindowMs !== windowMs)) {
				const before = `${timings.robotMax}/${timings.robotWindowMs}`;
				timings.robotMax = max;
				timings.robotWindowMs = windowMs;
				process.stderr.write(`[robot-pacing] ${path.relative(process.cwd(), file)}: ${before} -> ${max}/${windowMs} (messages/ms)\n`);
			}
		}
		return exported;
	};
}
