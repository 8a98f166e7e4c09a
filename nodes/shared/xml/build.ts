/**
 * Builds the XML WeChat expects in answers (passive replies and the encrypted envelope): `<xml>…</xml>` with
 * every string in CDATA (fast-xml-builder splits a `]]>` inside a value into `]]]]><![CDATA[>`), integers bare
 * (CreateTime, ArticleCount, TimeStamp), nested objects as elements and arrays as repeated elements
 * (`Articles.item`). Element names are checked, and characters XML 1.0 cannot carry at all (NUL and other C0
 * controls, lone surrogates) are dropped from values: WeChat would refuse the whole reply for one of them.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { XmlError } from './errors';

export type XmlBuildValue = string | number | XmlBuildObject | ReadonlyArray<string | number | XmlBuildObject>;
export interface XmlBuildObject {
	/** `undefined` leaves the element out, so optional fields can be passed as they are. */
	readonly [name: string]: XmlBuildValue | undefined;
}

export interface BuildXmlOptions {
	/** One element per line, as WeChat's samples and SDKs write the encrypted envelope. */
	lineBreaks?: boolean;
}

type BuilderValue = number | BuilderNode | BuilderValue[];
interface BuilderNode {
	[name: string]: BuilderValue | string;
}

/** A key no element can have (`#` is not a name character), so it never meets a real element. */
const CDATA = '#cdata';
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const builder = new XMLBuilder({ cdataPropName: CDATA, format: false, suppressEmptyNode: false });

function convert(value: XmlBuildValue): BuilderValue {
	if (typeof value === 'string') return { [CDATA]: value.replace(NOT_XML_CHAR, '') };
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) throw new XmlError('unbuildable', `not an integer: ${value}`);
		return value;
	}
	if (Array.isArray(value)) return value.map(convert);
	return convertObject(value as XmlBuildObject);
}

function convertObject(fields: XmlBuildObject): BuilderNode {
	const node: BuilderNode = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (!ELEMENT_NAME.test(name)) throw new XmlError('unbuildable', `invalid element name: ${JSON.stringify(name)}`);
		node[name] = convert(value);
	}
	return node;
}

export function buildXml(fields: XmlBuildObject, options: BuildXmlOptions = {}): string {
	const node = convertObject(fields);
	if (!options.lineBreaks) return builder.build({ xml: node });
	const lines = Object.entries(node).map(([name, value]) => builder.build({ [name]: value }));
	return `<xml>\n${lines.join('\n')}\n</xml>`;
}
