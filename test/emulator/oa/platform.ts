import type { ApiRequest, JsonReply, PlatformProfile, TokenProblem } from '../core/router';
import { OaErrcode, oaError, oaFaultReply, oaMessage } from './errors';
import type { OaTokenIssuer } from './tokens';

function answer(errcode: number): JsonReply {
	return oaError(errcode, oaMessage(errcode) ?? `error ${errcode}`);
}

/**
 * How the OA words token problems. A token WeChat never issued (or another platform's) is 40014 "invalid
 * access_token"; one replaced by a newer token (classic /cgi-bin/token after the overlap, a forced
 * stable_token) or revoked by a test is 40001 "invalid credential, access_token is invalid or not latest",
 * unless the test chose 40014 or 42007 for it; an expired one is 42001.
 */
export function oaPlatform(issuer: OaTokenIssuer): PlatformProfile {
	return {
		name: 'oa',
		errorReply: oaFaultReply,
		tokenError(req: ApiRequest, problem: TokenProblem): JsonReply {
			switch (problem) {
				case 'missing':
					return answer(OaErrcode.missingAccessToken);
				case 'unknown':
					return answer(OaErrcode.invalidAccessToken);
				case 'expired':
					return answer(OaErrcode.accessTokenExpired);
				case 'invalidated':
					return answer(issuer.revokedAnswer(req.query.access_token) ?? OaErrcode.invalidCredential);
			}
		},
	};
}
