/**
 * Refuses markup we never want a parser to see, before any parsing: document type declarations (the door to
 * entity expansion, "billion laughs" and external entities), every other `<!` declaration, and processing
 * instructions other than the XML declaration at the very start. WeChat never sends any of them.
 *
 * The scan steps over CDATA sections, comments and tags with the same boundaries as fast-xml-parser's tokenizer
 * (a tag ends at the first `>` outside quotes, a closing tag at the first `>`), so it looks at every place where
 * the parser could start a declaration, and a user who sends the text "<!DOCTYPE html>" in a chat message (inside
 * CDATA) is not refused.
 */
import { XmlError } from './errors';

const BANG = 0x21; // !
const QUESTION = 0x3f; // ?
const SLASH = 0x2f; // /
const GREATER = 0x3e; // >
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

function isXmlDeclaration(text: string, at: number): boolean {
	if (!text.startsWith('<?xml', at)) return false;
	const next = text.charCodeAt(at + 5);
	// `<?xml-stylesheet` and friends are other processing instructions.
	return next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d || next === QUESTION;
}

function skipTo(text: string, terminator: string, from: number, what: string): number {
	const end = text.indexOf(terminator, from);
	if (end === -1) throw new XmlError('notXml', `unterminated ${what}`);
	return end + terminator.length;
}

/** The index after an opening tag that starts before `from`; quoted attribute values may contain `>` and `<`. */
function skipTag(text: string, from: number): number {
	for (let at = from; at < text.length; at++) {
		const code = text.charCodeAt(at);
		if (code === GREATER) return at + 1;
		if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
			at = text.indexOf(text[at], at + 1);
			if (at === -1) break;
		}
	}
	throw new XmlError('notXml', 'unterminated tag');
}

export function assertNoDeclarations(text: string): void {
	const start = text.length - text.trimStart().length;
	// WeChat's XML has no attributes, hence no quotes outside CDATA: then a tag simply ends at the next '>'.
	const quoted = text.includes('"') || text.includes("'");
	let at = text.indexOf('<');
	while (at !== -1) {
		const next = text.charCodeAt(at + 1);
		if (next === BANG) {
			if (text.startsWith('[CDATA[', at + 2)) {
				at = skipTo(text, ']]>', at + 9, 'CDATA section');
			} else if (text.startsWith('--', at + 2)) {
				at = skipTo(text, '-->', at + 4, 'comment');
			} else {
				throw new XmlError('forbidden', 'XML with a DOCTYPE or ENTITY declaration is refused');
			}
		} else if (next === QUESTION) {
			if (at !== start || !isXmlDeclaration(text, at)) {
				throw new XmlError('forbidden', 'XML processing instructions are refused');
			}
			at = skipTo(text, '?>', at + 5, 'XML declaration');
		} else if (next === SLASH) {
			at = skipTo(text, '>', at + 2, 'closing tag');
		} else {
			at = quoted ? skipTag(text, at + 1) : skipTo(text, '>', at + 1, 'tag');
		}
		at = text.indexOf('<', at);
	}
}
