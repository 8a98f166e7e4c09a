/** What users read in a credential form speaks of relays and proxies, not of our test emulator. */
import type { ICredentialType } from 'n8n-workflow';
import { WeChatOaApi } from '../../../credentials/WeChatOaApi.credentials';
import { WeComApi } from '../../../credentials/WeComApi.credentials';
import { WeComRobotApi } from '../../../credentials/WeComRobotApi.credentials';

test.each([new WeChatOaApi(), new WeComApi(), new WeComRobotApi()] as ICredentialType[])(
	'$name: no "emulator" in any text a user sees',
	(credential) => {
		const texts = [
			credential.displayName,
			...credential.properties.flatMap((p) => [p.displayName, p.description, p.hint, p.placeholder]),
		];
		expect(texts.filter((text) => typeof text === 'string' && /emulator/i.test(text))).toEqual([]);
	},
);
