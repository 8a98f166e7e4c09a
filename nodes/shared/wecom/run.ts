/** What a WeCom app operation gets for a run: the credential's client and per-item parameter access. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { weComConnection, type WeComConnection } from './connection';
import { weComMediaUploader } from './upload';
import { itemContext, type ItemContext } from '../execution/itemContext';
import type { ParameterReader } from '../execution/parameters';

export interface WeComRun {
	connection: WeComConnection;
	item(itemIndex: number): ItemContext;
}

export async function openWeComRun(exec: IExecuteFunctions, read: ParameterReader): Promise<WeComRun> {
	const connection = await weComConnection(exec);
	const upload = weComMediaUploader(exec, connection.client);
	return { connection, item: (itemIndex) => itemContext(exec, itemIndex, read, upload) };
}
