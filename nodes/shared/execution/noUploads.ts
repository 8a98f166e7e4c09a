import type { MediaUploader } from './itemContext';

/** For operations without media fields: asking for an upload there is a programming error. */
export const noUploads: MediaUploader = async (_kind, _property, field) => {
	throw new Error(`${field}: this operation does not upload media`);
};
