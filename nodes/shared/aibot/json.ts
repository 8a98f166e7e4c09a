/**
 * JSON from a callback body, bounded before it is parsed: JSON.parse recurses once per level of nesting, so a
 * small body of a hundred thousand `[` would cost a stack overflow; WeCom's AI-bot JSON is never deeper than a
 * handful of levels. The scan skips strings, so brackets inside a user's text do not count.
 */

export const MAX_JSON_DEPTH = 32;

export type JsonObject = { [name: string]: unknown };

export type JsonRead = { ok: true; value: JsonObject } | { ok: false; reason: string };

function depthWithin(text: string, maxDepth: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) {
			if (++depth > maxDepth) return false;
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return true;
}

/** A JSON object (anything else, or deeper than `maxDepth`, is refused with a short reason). */
export function readJsonObject(text: string, maxDepth = MAX_JSON_DEPTH): JsonRead {
	if (!depthWithin(text, maxDepth)) return { ok: false, reason: `JSON nested deeper than ${maxDepth} levels` };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'not JSON' };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, reason: 'JSON is not an object' };
	}
	return { ok: true, value: value as JsonObject };
}
