/** Credential fields our credentials share: where to reach WeChat, and the callback secrets. */
import type { INodeProperties } from 'n8n-workflow';

/** API Base URL and Proxy URL: the answers to WeChat's trusted-IP / IP-whitelist rule. */
export function connectionProperties(
	defaultBaseUrl: string,
	baseUrlDescription: string,
	proxyDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: defaultBaseUrl,
			description: baseUrlDescription,
		},
		proxyProperty(proxyDescription),
	];
}

/** Proxy URL alone: for a credential whose endpoints are absolute URLs WeChat hands out (the AI bot's response_url). */
export function proxyProperty(description: string): INodeProperties {
	return {
		displayName: 'Proxy URL',
		name: 'proxyUrl',
		type: 'string',
		default: '',
		placeholder: 'http://user:password@proxy.example.com:8080',
		description,
	};
}

/** The Token and EncodingAESKey a trigger verifies and decrypts callbacks with: secrets, never in node fields. */
export function callbackSecretProperties(tokenDescription: string, aesKeyDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Callback Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: tokenDescription,
		},
		{
			displayName: 'Callback EncodingAESKey',
			name: 'encodingAesKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: aesKeyDescription,
		},
	];
}
