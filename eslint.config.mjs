// n8n's community-node rules (the set `n8n-node lint` uses for self-hosted packages) plus the older
// eslint-plugin-n8n-nodes-base presets for node and credential files, on TypeScript.
//
// Rules we knowingly turn off, and why:
// - no-runtime-dependencies: the project's design depends on undici (pooled keep-alive HTTP, proxy) and
//   fast-xml-parser (nested callback XML) at run time. That rules out n8n's "verified" badge; self-hosted
//   n8n installs community packages with their dependencies. (DESIGN.md, reference/n8n-host.md.)
// - no-http-request-with-manual-auth: the nodes fetch WeChat access tokens themselves (gettoken/stable_token
//   answer HTTP 200 with errcodes, which n8n's preAuthentication refresh cannot see) and attach them in the
//   shared transport; there is no n8n-level authentication to delegate to.
// - require-node-api-error, in nodes/shared only: transport, media and builders are pure modules that never
//   import n8n; they throw their own typed errors, which every node turns into NodeApiError /
//   NodeOperationError at its edge (nodes/shared/execution/errors.ts toNodeError).
import tseslint from 'typescript-eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const base = communityNodes.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', 'gulpfile.js', 'index.js', 'jest.config.js'] },
	...tseslint.configs.recommended,
	{
		...base,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: {
			...base.rules,
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			'@n8n/community-nodes/no-http-request-with-manual-auth': 'off',
			// The callback EncodingAESKey decrypts every message: it is a secret, whatever its name suggests.
			'@n8n/community-nodes/credential-unnecessary-password': 'off',
		},
	},
	{
		files: ['nodes/shared/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		rules: { '@typescript-eslint/no-unused-expressions': 'off' },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// This older rule wants n8n's own doc slugs; ours link to WeCom's and WeChat's docs (checked by
			// community-nodes/credential-documentation-url instead).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-not-http-url': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Superseded by community-nodes/node-connection-type-literal, which wants NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'no-console': 'error',
		},
	},
];
