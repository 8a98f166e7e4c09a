/** The two WeChat platforms whose callbacks share one protocol. */
export type Platform = 'oa' | 'wecom';

/** What the receiveId inside a ciphertext is called on each platform, for refusal reasons. */
export function receiveIdName(platform: Platform): string {
	return platform === 'oa' ? 'AppID' : 'CorpID';
}
