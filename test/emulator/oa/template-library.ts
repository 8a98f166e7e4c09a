/**
 * The public template library api_add_template picks from (reference E2), and WeChat's industry codes.
 * Two kinds of library entries: industry templates ("TM00015", "OPENTM…") whose content is fixed, and
 * category templates (numeric ids) whose content is built from the `keyword_name_list` the caller picks.
 */
export interface LibraryKeyword {
	/** The keyword's name as keyword_name_list gives it. */
	name: string;
	/** Its `{{key.DATA}}` key; the type prefix (thing, time, ...) decides the value rules. */
	key: string;
}

export type LibraryTemplate =
	| { kind: 'industry'; title: string; content: string; example: string }
	| { kind: 'category'; title: string; keywords: LibraryKeyword[] };

export const TEMPLATE_LIBRARY: Readonly<Record<string, LibraryTemplate>> = {
	// The docs' own example of an industry template (订单支付成功).
	TM00015: {
		kind: 'industry',
		title: '订单支付成功',
		content: '{{first.DATA}}\n\n支付金额：{{orderMoneySum.DATA}}\n商品信息：{{orderProductName.DATA}}\n{{Remark.DATA}}',
		example: '我们已收到您的货款，开始为您打包商品，请耐心等待: )\n支付金额：30.00元\n商品信息：我是商品名字\n\n如有问题请致电400-828-1878或直接在微信留言，小易将第一时间为您服务！',
	},
	// The docs' example request: {"template_id_short":"47123","keyword_name_list":["时间","地点","金额"]}.
	'47123': {
		kind: 'category',
		title: '消费提醒',
		keywords: [
			{ name: '时间', key: 'time' },
			{ name: '地点', key: 'thing' },
			{ name: '金额', key: 'amount' },
			{ name: '商户名称', key: 'thing' },
			{ name: '交易单号', key: 'character_string' },
		],
	},
	'43216': {
		kind: 'category',
		title: '任务完成通知',
		keywords: [
			{ name: '任务名称', key: 'thing' },
			{ name: '完成时间', key: 'time' },
			{ name: '任务编号', key: 'character_string' },
			{ name: '完成人', key: 'name' },
		],
	},
};

/** A category template's content: the picked keywords in the given order, numbered like WeChat numbers them. */
export function categoryContent(keywords: readonly LibraryKeyword[]): string {
	return keywords.map((keyword, index) => `${keyword.name}：{{${keyword.key}${index + 1}.DATA}}`).join('\n');
}

/** WeChat's industry codes for api_set_industry (主行业 / 副行业), id -> [first_class, second_class]. */
export const INDUSTRIES: Readonly<Record<number, readonly [string, string]>> = {
	1: ['IT科技', '互联网|电子商务'],
	2: ['IT科技', 'IT软件与服务'],
	3: ['IT科技', 'IT硬件与设备'],
	4: ['IT科技', '电子技术'],
	5: ['IT科技', '通信与运营商'],
	6: ['IT科技', '网络游戏'],
	7: ['金融业', '银行'],
	8: ['金融业', '基金|理财|信托'],
	9: ['金融业', '保险'],
	10: ['餐饮', '餐饮'],
	11: ['酒店旅游', '酒店'],
	12: ['酒店旅游', '旅游'],
	13: ['运输与仓储', '快递'],
	14: ['运输与仓储', '物流'],
	15: ['运输与仓储', '仓储'],
	16: ['教育', '培训'],
	17: ['教育', '院校'],
	18: ['政府与公共事业', '学术科研'],
	19: ['政府与公共事业', '交警'],
	20: ['政府与公共事业', '博物馆'],
	21: ['政府与公共事业', '公共事业|非盈利机构'],
	22: ['医药护理', '医药医疗'],
	23: ['医药护理', '护理美容'],
	24: ['医药护理', '保健与卫生'],
	25: ['交通工具', '汽车相关'],
	26: ['交通工具', '摩托车相关'],
	27: ['交通工具', '火车相关'],
	28: ['交通工具', '飞机相关'],
	29: ['房地产', '建筑'],
	30: ['房地产', '物业'],
	31: ['消费品', '消费品'],
	32: ['商业服务', '法律'],
	33: ['商业服务', '会展'],
	34: ['商业服务', '中介服务'],
	35: ['商业服务', '认证'],
	36: ['商业服务', '审计'],
	37: ['文体娱乐', '传媒'],
	38: ['文体娱乐', '体育'],
	39: ['文体娱乐', '娱乐休闲'],
	40: ['印刷', '印刷'],
	41: ['其它', '其它'],
};
