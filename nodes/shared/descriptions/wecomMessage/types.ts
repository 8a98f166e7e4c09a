import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../../execution/itemContext';

/**
 * One WeCom message type: its form fields and how an item's parameters become the payload. WeCom Send and
 * WeCom Group Chat both use these, so the UI and the bodies are defined once.
 */
export interface WeComMessageContent {
	/** WeCom's msgtype, also the payload's key in the body. */
	msgtype: string;
	/** Form fields, without displayOptions for the operation (the node scopes them). */
	properties: INodeProperties[];
	/** Whether WeCom honours `safe` (confidential message) for this type. */
	supportsSafe: boolean;
	build(ctx: ItemContext): Promise<IDataObject>;
}
