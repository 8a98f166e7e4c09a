/**
 * The shape of a callback message as the triggers output it. One convention, for both platforms:
 *
 * - Field names exactly as WeChat writes them (`ToUserName`, `FromUserName`, `CreateTime`, `MsgType`, `Event`,
 *   `ScanCodeInfo.ScanType`, ...), case included. Users look these names up in WeChat's docs, and each trigger
 *   serves one platform, so the values also match that platform's docs (OA's `CLICK` and WeCom's `click` are
 *   never mixed in one trigger). No lower-camel copies: one name per fact.
 * - Every value a string, exactly as sent: `MsgId` 6054768590064713728 (above 2^53), `CreateTime`, `AgentID`,
 *   `Count`. An empty element is ''.
 * - Nested elements are objects; the elements that WeChat's schemas define as lists are always arrays, even with
 *   a single entry (`SendPicsInfo.PicList.item[0].PicMd5Sum` works for one picture as for three). Any other
 *   element that happens to repeat is an array too.
 */
import { parseXml, type XmlObject } from '../xml/parse';

/**
 * The list elements we know of: `item` (OA PicList, ResultList, ArticleUrlResult, reply Articles), `Item`
 * (WeCom ExtAttr and approval Items), `SelectedItem` and `OptionId` (template_card_event), `ApprovalNode` and
 * `NotifyNode` (open_approval_change), `fail_idx` (PUBLISHJOBFINISH: one element per failed article).
 */
export const WECHAT_LIST_ELEMENTS: ReadonlySet<string> = new Set([
	'item',
	'Item',
	'SelectedItem',
	'OptionId',
	'ApprovalNode',
	'NotifyNode',
	'fail_idx',
]);

/** A callback message in the convention above. */
export type CallbackMessage = XmlObject;

export function parseMessage(xml: string, maxBytes: number): CallbackMessage {
	return parseXml(xml, { maxBytes, listElements: WECHAT_LIST_ELEMENTS });
}

/** The message's own id: `MsgId` on messages, `MsgID` on OA voice messages and the *JOBFINISH events. */
export function messageId(message: CallbackMessage): string | undefined {
	const id = message.MsgId ?? message.MsgID;
	return typeof id === 'string' && id !== '' ? id : undefined;
}
