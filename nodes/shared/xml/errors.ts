/**
 * Why a piece of XML was refused or could not be built. The reasons are short and never quote the input: they
 * may end up in an HTTP answer to whoever sent the body.
 */

export type XmlErrorKind =
	/** Larger than the caller's limit. */
	| 'tooLarge'
	/** DOCTYPE, ENTITY (or any other `<!` declaration) or a processing instruction other than `<?xml ...?>`. */
	| 'forbidden'
	/** Not well-formed, or not a single `<xml>` document. */
	| 'notXml'
	/** A value or name that cannot be written as XML. */
	| 'unbuildable';

export class XmlError extends Error {
	constructor(
		readonly kind: XmlErrorKind,
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = 'XmlError';
	}
}
