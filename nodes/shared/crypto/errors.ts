/**
 * Errors of the callback crypto, numbered like Tencent's WXBizMsgCrypt samples so that a log line can be matched
 * against WeChat's own docs and SDKs. Pure module: the triggers turn these into HTTP answers.
 */

export const CryptoErrorCode = {
	ValidateSignature: -40001,
	ParseXml: -40002,
	ComputeSignature: -40003,
	IllegalAesKey: -40004,
	ValidateReceiveId: -40005,
	EncryptAes: -40006,
	DecryptAes: -40007,
	IllegalBuffer: -40008,
	EncodeBase64: -40009,
	DecodeBase64: -40010,
	GenReturnXml: -40011,
} as const;

export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

export class WeChatCryptoError extends Error {
	constructor(
		readonly code: CryptoErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'WeChatCryptoError';
	}
}
