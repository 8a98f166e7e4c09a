// Removes dist/ before a build so deleted sources never linger as stale compiled nodes.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
