/**
 * WeChat's callback XML → plain objects, on fast-xml-parser with safe options:
 * - declarations refused before parsing (guard.ts), no entity expansion (entities.ts), a size limit;
 * - every value a string (`parseTagValue: false`): MsgId 6054768590064713728 is above 2^53 and must stay exact,
 *   and "0012" or "1.0" must not turn into numbers;
 * - CDATA unwrapped and not trimmed, tag names exactly as written (n8n's own body parser lower-cases them),
 *   nesting kept, attributes ignored (WeChat uses none);
 * - the caller's list elements always arrays, so `PicList.item` is a list for one picture as for three;
 * - the root element (`<xml>`) unwrapped.
 */
import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { xmlEntityDecoder } from './entities';
import { XmlError } from './errors';
import { assertNoDeclarations } from './guard';

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

const BASE_OPTIONS: X2jOptions = {
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
};

/** One parser per list set: options are fixed at construction, and the sets are module constants. */
const parsers = new WeakMap<ReadonlySet<string>, XMLParser>();

function parserFor(listElements: ReadonlySet<string>): XMLParser {
	let parser = parsers.get(listElements);
	if (!parser) {
		parser = new XMLParser({ ...BASE_OPTIONS, isArray: (name) => listElements.has(name) });
		parsers.set(listElements, parser);
	}
	return parser;
}

function utf8Length(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

function isObject(value: unknown): value is XmlObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseXml(text: string, options: ParseXmlOptions): XmlObject {
	// A UTF-16 unit is 1 to 3 UTF-8 bytes: count bytes only when the length alone cannot decide.
	if (text.length > options.maxBytes || (text.length * 3 > options.maxBytes && utf8Length(text) > options.maxBytes)) {
		throw new XmlError('tooLarge', `XML larger than ${options.maxBytes} bytes`);
	}
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	assertNoDeclarations(body);

	let document: unknown;
	try {
		document = parserFor(options.listElements ?? NO_LISTS).parse(body);
	} catch (error) {
		if (error instanceof XmlError) throw error;
		// The parser's messages may quote the input: keep them as the cause, not in the reason.
		throw new XmlError('notXml', 'malformed XML', { cause: error });
	}

	const root = options.root ?? 'xml';
	if (!isObject(document)) throw new XmlError('notXml', 'not an XML document');
	const names = Object.keys(document);
	if (names.length !== 1 || names[0] !== root) {
		throw new XmlError('notXml', `expected a single <${root}> document`);
	}
	const content = document[root];
	if (content === '') return {};
	if (Array.isArray(content)) throw new XmlError('notXml', `expected a single <${root}> document`);
	if (!isObject(content)) throw new XmlError('notXml', `<${root}> holds no elements`);
	return content;
}
