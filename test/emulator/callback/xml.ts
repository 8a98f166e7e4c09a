/**
 * The XML WeChat writes into callbacks and reads back from replies. Building is our own (a few lines, and it
 * must not share code with the nodes it checks); reading uses fast-xml-parser with safe options.
 *
 * Building follows WeChat's style: text in CDATA, integers bare (`<CreateTime>1478317060</CreateTime>`,
 * `<MsgId>6349323426230210995</MsgId>`). A string of digits counts as an integer, so that a MsgId above 2^53,
 * given as a string to stay exact, is still written bare. Nested objects become nested elements, a list
 * repeats its element (`{ ResultList: { item: [a, b] } }` → `<ResultList><item>…</item><item>…</item></ResultList>`),
 * null and undefined are left out.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: text, child elements, or a repeated element's list. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
	[name: string]: XmlValue;
}

const DIGITS = /^[0-9]+$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `]]>` cannot appear inside CDATA: it is split across two sections, as every XML writer does. */
export function cdata(text: string): string {
	return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** `<xml>…</xml>` from an object whose keys are element names. Throws on values XML cannot carry. */
export function buildXml(fields: object): string {
	return `<xml>${children(fields, 'xml')}</xml>`;
}

function children(fields: object, path: string): string {
	let out = '';
	for (const [name, value] of Object.entries(fields)) out += element(name, value as unknown, `${path}.${name}`);
	return out;
}

function element(name: string, value: unknown, path: string): string {
	if (!NAME.test(name)) throw new Error(`${path}: "${name}" is not an XML element name`);
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map((item: unknown, index) => element(name, item, `${path}[${index}]`)).join('');
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${path}: ${value} cannot be written as XML`);
		return `<${name}>${value}</${name}>`;
	}
	if (typeof value === 'boolean') return `<${name}>${value}</${name}>`;
	if (typeof value === 'string') return `<${name}>${DIGITS.test(value) ? value : cdata(value)}</${name}>`;
	if (typeof value === 'object') return `<${name}>${children(value, path)}</${name}>`;
	throw new Error(`${path}: a ${typeof value} cannot be written as XML`);
}

/**
 * Every value a string (a MsgId above 2^53 stays exact), CDATA unwrapped, tag names as written, `item` always a
 * list (WeChat's list element in news replies and nested events).
 */
const parser = new XMLParser({
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: true,
	processEntities: true,
	ignoreDeclaration: true,
	isArray: (name) => name === 'item',
});

export type ParsedXml = { ok: true; root: string; fields: XmlObject } | { ok: false; problem: string };

/** The document's root name and children, or why it is not the XML WeChat would accept. */
export function parseXml(text: string): ParsedXml {
	// WeChat's own parsers refuse DTDs; a reply with one is also an XXE attempt we must not expand.
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, problem: 'XML with a DOCTYPE/ENTITY declaration' };
	const valid = XMLValidator.validate(text);
	if (valid !== true) return { ok: false, problem: `not XML: ${valid.err.msg} (line ${valid.err.line})` };
	const document: unknown = parser.parse(text);
	if (!isObject(document)) return { ok: false, problem: 'not XML: no element' };
	const roots = Object.keys(document);
	if (roots.length !== 1) return { ok: false, problem: `not XML: ${roots.length} root elements` };
	const root = roots[0];
	const value = document[root];
	// `<xml></xml>` parses to '' (no children); a root holding only text has no fields either.
	return { ok: true, root, fields: isObject(value) ? value : {} };
}

export function isObject(value: unknown): value is XmlObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A child's text, or undefined when it is absent or not text (nested or repeated). */
export function textOf(fields: XmlObject, name: string): string | undefined {
	const value = fields[name];
	return typeof value === 'string' ? value : undefined;
}
