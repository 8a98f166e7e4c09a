/**
 * WeChat's callback XML → plain objects, on fast-xml-parser with safe options:
 * - before parsing (guard.ts): DOCTYPE/ENTITY and processing instructions refused, elements checked to nest;
 *   no entity expansion (entities.ts); a size limit;
 * - every value a string (`parseTagValue: false`): MsgId 6054768590064713728 is above 2^53 and must stay exact,
 *   and "0012" or "1.0" must not turn into numbers;
 * - CDATA unwrapped and not trimmed, tag names exactly as written (n8n's own body parser lower-cases them),
 *   nesting kept, attributes ignored (WeChat uses none);
 * - the caller's list elements always arrays, so `PicList.item` is a list for one picture as for three;
 * - the root element (`<xml>`) unwrapped.
 */
import { XMLParser } from 'fast-xml-parser';
import { xmlEntityDecoder } from './entities';
import { XmlError } from './errors';
import { checkMarkup } from './guard';

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
	[name: string]: XmlValue;
}

export interface ParseXmlOptions {
	/** Largest accepted document, in UTF-8 bytes. */
	maxBytes: number;
	/** Element names that are lists by schema and so are always returned as arrays. */
	listElements?: ReadonlySet<string>;
	/** The expected root element; default `xml`. */
	root?: string;
}

const NO_LISTS: ReadonlySet<string> = new Set();
const TEXT = '#text';

/**
 * The parser runs in ordered mode (`[{ Tag: [children] }, { '#text': value }]`) and toValue below folds that into
 * plain objects: about a tenth cheaper per document than fast-xml-parser's own folding, which maintains a path
 * matcher and consults isArray for every element.
 */
const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: true,
	processEntities: true,
	entityDecoder: xmlEntityDecoder,
	ignoreDeclaration: true,
	ignorePiTags: true,
	// Callbacks get the parser's matcher instead of a path string built for every tag: cheaper, and unused.
	jPath: false,
	// WeChat nests five levels at most (xml > SelectedItems > SelectedItem > OptionIds > OptionId).
	maxNestedTags: 32,
});

/** One node of the ordered form: a single key, the element name (children) or '#text' (a string). */
type OrderedNode = Record<string, OrderedNode[] | string>;

/**
 * Children → a string (text only), '' (empty), or an object (elements, plus '#text' for mixed content).
 * Repeated elements become arrays, list elements always. Names are own properties only: the parser already
 * refuses `__proto__`, `constructor` and `prototype`, and hasOwnProperty keeps inherited names such as
 * `toLocaleString` from being mistaken for an earlier sibling.
 */
function toValue(children: OrderedNode[], lists: ReadonlySet<string>): XmlValue {
	let text: string | undefined;
	let object: XmlObject | undefined;
	for (const child of children) {
		for (const name in child) {
			const content = child[name];
			if (typeof content === 'string') {
				text = text === undefined ? content : text + content;
				continue;
			}
			object ??= {};
			const value = toValue(content, lists);
			if (!Object.prototype.hasOwnProperty.call(object, name)) {
				object[name] = lists.has(name) ? [value] : value;
			} else {
				const earlier = object[name];
				// Values are never arrays themselves, so an array here is this element's own list.
				if (Array.isArray(earlier)) earlier.push(value);
				else object[name] = [earlier, value];
			}
		}
	}
	if (object === undefined) return text ?? '';
	if (text !== undefined && text !== '') object[TEXT] = text;
	return object;
}

function utf8Length(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

export function parseXml(text: string, options: ParseXmlOptions): XmlObject {
	// A UTF-16 unit is 1 to 3 UTF-8 bytes: count bytes only when the length alone cannot decide.
	if (text.length > options.maxBytes || (text.length * 3 > options.maxBytes && utf8Length(text) > options.maxBytes)) {
		throw new XmlError('tooLarge', `XML larger than ${options.maxBytes} bytes`);
	}
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	checkMarkup(body);

	let nodes: OrderedNode[];
	try {
		nodes = parser.parse(body) as OrderedNode[];
	} catch (error) {
		if (error instanceof XmlError) throw error;
		// The parser's messages may quote the input: keep them as the cause, not in the reason.
		throw new XmlError('notXml', 'malformed XML', { cause: error });
	}

	const root = options.root ?? 'xml';
	const children = nodes.length === 1 ? nodes[0][root] : undefined;
	if (!Array.isArray(children)) throw new XmlError('notXml', `expected a single <${root}> document`);
	const content = toValue(children, options.listElements ?? NO_LISTS);
	if (content === '') return {};
	if (typeof content === 'string') throw new XmlError('notXml', `<${root}> holds no elements`);
	return content as XmlObject;
}
