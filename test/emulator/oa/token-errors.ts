/** The answers a test may choose for a revoked OA token: each one a client must treat as "refresh and retry". */
export type OaTokenInvalidErrcode = 40001 | 40014 | 42007;

export function isTokenInvalidErrcode(value: unknown): value is OaTokenInvalidErrcode {
	return value === 40001 || value === 40014 || value === 42007;
}
