/**
 * PUBLISHJOBFINISH (发布结果的事件推送) through the WeChat OA Trigger: the event the emulator records for a publish
 * job, written as WeChat's XML, reaches the workflow with every value a string and fail_idx always a list.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { callWebhook } from '../../../helpers/webhook';
import { buildXml } from '../../../emulator/callback/xml';
import type { PublishJobFinishEvent } from '../../../emulator';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { OA_PLAIN_CREDENTIALS, oaPlain } from './callbacks';

let workflow = 0;
async function trigger(event: PublishJobFinishEvent, parameters: IDataObject): Promise<INodeExecutionData[]> {
	const result = await callWebhook({
		node: new WeChatOaTrigger(),
		webhookName: 'default',
		...oaPlain(buildXml(event)),
		credentials: { weChatOaApi: OA_PLAIN_CREDENTIALS },
		parameters,
		workflowId: `publish${++workflow}`,
	});
	return result.result.workflowData?.[0] ?? [];
}

const base = {
	ToUserName: 'gh_test',
	FromUserName: 'mphelper',
	CreateTime: 1481013459,
	MsgType: 'event',
	Event: 'PUBLISHJOBFINISH',
} as const;

test('a published job: the article URL and ids as strings', async () => {
	const items = await trigger(
		{
			...base,
			PublishEventInfo: {
				publish_id: '2247503051',
				publish_status: 0,
				article_id: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4',
				article_detail: { count: 1, item: [{ idx: 1, article_url: 'https://mp.weixin.qq.com/s?__biz=x&mid=1#rd' }] },
			},
		},
		{ triggerOn: ['event:PUBLISHJOBFINISH'] },
	);
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({
		Event: 'PUBLISHJOBFINISH',
		CreateTime: '1481013459',
		PublishEventInfo: {
			publish_id: '2247503051',
			publish_status: '0',
			article_id: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4',
			article_detail: { count: '1', item: [{ idx: '1', article_url: 'https://mp.weixin.qq.com/s?__biz=x&mid=1#rd' }] },
		},
	});
});

test('a failed job: fail_idx is a list even with one failed article; other filters do not start the workflow', async () => {
	const failed: PublishJobFinishEvent = {
		...base,
		PublishEventInfo: { publish_id: '2247503052', publish_status: 2, fail_idx: [1] },
	};
	const items = await trigger(failed, { triggerOn: ['event:PUBLISHJOBFINISH'] });
	expect(items[0].json.PublishEventInfo).toEqual({ publish_id: '2247503052', publish_status: '2', fail_idx: ['1'] });
	expect(await trigger(failed, { triggerOn: ['event:MASSSENDJOBFINISH'] })).toEqual([]);
});
