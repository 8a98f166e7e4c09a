/**
 * Reads node parameters per item, resolving each parameter through n8n only once per run when its saved
 * value holds no expression (then it is the same for every item). n8n's getNodeParameter validates and
 * copies on every call, which dominated the per-item cost of large batches.
 */
import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

export type ParameterReader = <T>(name: string, itemIndex: number, fallback?: T) => T;

export function parameterReader(exec: IExecuteFunctions): ParameterReader {
	const saved = exec.getNode().parameters as Record<string, NodeParameterValueType>;
	const constant = new Map<string, unknown>();
	return <T>(name: string, itemIndex: number, fallback?: T): T => {
		const cacheKey = fallback === undefined ? name : `${name}\0${JSON.stringify(fallback)}`;
		if (constant.has(cacheKey)) return constant.get(cacheKey) as T;
		const value = (
			fallback === undefined
				? exec.getNodeParameter(name, itemIndex)
				: exec.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType)
		) as T;
		if (!hasExpression(saved[name])) constant.set(cacheKey, value);
		return value;
	};
}
