import { streamWriteOperation } from '../../../shared/aibot/streamWrite';

export const { description, execute } = streamWriteOperation(
	'append',
	'Markdown added to the end of the answer; the next poll shows it',
);
