/**
 * One pass over the markup before any parsing:
 * - refuses document type declarations (the door to entity expansion, "billion laughs" and external entities),
 *   every other `<!` declaration, and processing instructions other than the XML declaration at the very start;
 *   WeChat never sends any of them;
 * - checks that elements nest (every closing tag closes the element opened last, and none stays open) and that
 *   no text stands outside them. fast-xml-parser is lenient there (`<a>1</b>` parses as `<a>1</a>`, text around
 *   the root is dropped); a callback body is either well-formed or refused.
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

function isWhitespace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isXmlDeclaration(text: string, at: number): boolean {
	if (!text.startsWith('<?xml', at)) return false;
	const next = text.charCodeAt(at + 5);
	// `<?xml-stylesheet` and friends are other processing instructions.
	return isWhitespace(next) || next === QUESTION;
}

/** The index just past `terminator`. */
function skipTo(text: string, terminator: string, from: number, what: string): number {
	const end = text.indexOf(terminator, from);
	if (end === -1) throw new XmlError('notXml', `unterminated ${what}`);
	return end + terminator.length;
}

/** The index just past an opening tag's `>`; quoted attribute values may contain `>` and `<`. */
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

function hasText(text: string, from: number, to: number): boolean {
	for (let at = from; at < to; at++) if (!isWhitespace(text.charCodeAt(at))) return true;
	return false;
}

/** The element name of the opening tag that starts at `from` (just after '<') and ends before `end`. */
function tagName(text: string, from: number, end: number): string {
	let at = from;
	while (at < end && !isWhitespace(text.charCodeAt(at)) && text.charCodeAt(at) !== SLASH) at++;
	return text.slice(from, at);
}

/** The index just past `</name>` (whitespace allowed before '>'), where `from` is just after '</'. */
function closeTag(text: string, from: number, name: string | undefined): number {
	if (name === undefined || !text.startsWith(name, from)) throw new XmlError('notXml', 'mismatched closing tag');
	let at = from + name.length;
	while (isWhitespace(text.charCodeAt(at))) at++;
	if (text.charCodeAt(at) !== GREATER) throw new XmlError('notXml', 'mismatched closing tag');
	return at + 1;
}

export function checkMarkup(text: string): void {
	const start = text.length - text.trimStart().length;
	const open: string[] = [];
	/** Where the text since the last markup starts. */
	let after = 0;
	let at = text.indexOf('<');
	while (at !== -1) {
		if (open.length === 0 && hasText(text, after, at)) throw new XmlError('notXml', 'text outside the root element');
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
			at = closeTag(text, at + 2, open.pop());
		} else {
			const end = skipTag(text, at + 1);
			if (text.charCodeAt(end - 2) !== SLASH) open.push(tagName(text, at + 1, end - 1));
			at = end;
		}
		after = at;
		at = text.indexOf('<', at);
	}
	if (open.length > 0) throw new XmlError('notXml', 'unclosed element');
	if (hasText(text, after, text.length)) throw new XmlError('notXml', 'text outside the root element');
}
