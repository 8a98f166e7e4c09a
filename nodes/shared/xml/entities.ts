/**
 * The only entity references XML itself defines: the five predefined names and numeric character references.
 * fast-xml-parser's built-in decoder leaves `&#...;` undecoded unless HTML entities are switched on (which would
 * also decode `&nbsp;` and friends), and it accepts entities declared in a DOCTYPE; this decoder does neither.
 * References it does not know are left as written: nothing ever expands.
 */
import type { EntityDecoderOptions } from 'fast-xml-parser';
import { XmlError } from './errors';

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;

/** XML 1.0 `Char`: a reference to anything else (NUL, lone surrogates, ...) is not decoded. */
function isXmlChar(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

function decodeReference(reference: string, hex?: string, decimal?: string, name?: string): string {
	if (name !== undefined) return PREDEFINED[name];
	const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal ?? '', 10);
	return isXmlChar(code) ? String.fromCodePoint(code) : reference;
}

export const xmlEntityDecoder: EntityDecoderOptions = {
	decode: (text) => (text.includes('&') ? text.replace(REFERENCE, decodeReference) : text),
	addInputEntities: (entities) => {
		// Unreachable behind checkMarkup; kept so that a DOCTYPE can never define an entity.
		if (Object.keys(entities).length > 0) throw new XmlError('forbidden', 'XML entity declarations are refused');
	},
	setExternalEntities: () => undefined,
	reset: () => undefined,
	setXmlVersion: () => undefined,
};
