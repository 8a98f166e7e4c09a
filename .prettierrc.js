// n8n's own style (tabs, single quotes, trailing commas), with a wider line for our long UI descriptions.
module.exports = {
	useTabs: true,
	tabWidth: 2,
	singleQuote: true,
	trailingComma: 'all',
	printWidth: 120,
	arrowParens: 'always',
	endOfLine: 'lf',
	semi: true,
};
