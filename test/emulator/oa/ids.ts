import { randomInt } from 'node:crypto';

/**
 * The numeric ids the OA answers as JSON numbers: template `msgid`, mass `msg_id` and `msg_data_id`. WeChat
 * sends them as numbers, and so does the emulator; real values have so far stayed below 2^53 (docs show
 * 200228332, 34182, 1000001625; reports show 3147494441), but callback MsgIds do exceed it, so a client
 * should keep such ids as strings or bigints. The emulator's start above 2^31 (and, for templates, near
 * 2^51) catches clients that squeeze them into 32-bit integers, while staying exactly representable.
 * Steps are random so that no client can depend on consecutive ids.
 */
export class OaIds {
	private templateMsgid = 2_251_799_813_685_248 + randomInt(1_000_000);
	private massMsgId = 3_147_000_000 + randomInt(100_000);
	private msgDataId = 2_247_000_000 + randomInt(100_000);

	nextTemplateMsgid(): number {
		this.templateMsgid += 1 + randomInt(1000);
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
