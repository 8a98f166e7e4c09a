import { streamWriteOperation } from '../../../shared/aibot/streamWrite';

export const { description, execute } = streamWriteOperation(
	'replace',
	'The whole answer so far, in markdown, instead of what was written before; the next poll shows it',
);
