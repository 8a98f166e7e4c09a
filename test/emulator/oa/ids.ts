import { randomInt } from 'node:crypto';

/**
 * The numeric ids the OA answers as JSON numbers: template `msgid`, mass `msg_id` and `msg_data_id`. WeChat
 * sends them as bare numbers, and so does the emulator. Template msgids in production are above 2^53 (e.g.
 * 1693314754664869930, which JSON.parse rounds to ...870000 so that it no longer matches the MsgID of its
 * TEMPLATESENDJOBFINISH event): the emulator answers such values, so a client that rounds them is caught.
 * Mass ids have so far stayed below 2^53 (docs show 200228332, 34182, 1000001625; reports show 3147494441);
 * their start above 2^31 catches clients that squeeze them into 32-bit integers. Steps are random so that
 * no client can depend on consecutive ids.
 */
export class OaIds {
	private templateMsgid = 1_693_314_754_664_869_930n + BigInt(randomInt(1_000_000));
	private massMsgId = 3_147_000_000 + randomInt(100_000);
	private msgDataId = 2_247_000_000 + randomInt(100_000);

	nextTemplateMsgid(): bigint {
		this.templateMsgid += BigInt(1 + randomInt(1000));
		return this.templateMsgid;
	}

	nextMassMsgId(): number {
		this.massMsgId += 1 + randomInt(100);
		return this.massMsgId;
	}

	nextMsgDataId(): number {
		this.msgDataId += 1 + randomInt(100);
		return this.msgDataId;
	}
}
