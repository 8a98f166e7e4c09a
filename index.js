// n8n loads this package through the "n8n" field of package.json (nodes and credentials in dist/);
// nothing is exported from the package root.
module.exports = {};
