/**
 * The 95000-range errcodes of WeChat Customer Service, from WeCom's global errcode page
 * (developer.work.weixin.qq.com/document/path/90313), with the situations the emulator answers them in.
 */
export const KfErrcode = {
	/** "不合法的 open_kfid". */
	invalidOpenKfid: 95000,
	/** "发送客服消息次数限制": a 6th message within 48 h of the customer's last message. */
	sendCountLimit: 95001,
	/** "发送客服消息时间限制": the customer's last message is more than 48 h old. */
	sendTimeLimit: 95002,
	/** "open_kfid 不存在". */
	openKfidNotFound: 95004,
	/** "不合法的客服帐号名": empty or longer than 16 characters. */
	invalidAccountName: 95006,
	/** "不合法的 msgtoken": the Token of a kf_msg_or_event callback, unknown or older than 10 minutes. */
	invalidMsgToken: 95007,
	/** "不允许这种状态转换". */
	stateTransitionNotAllowed: 95016,
	/** "会话状态和操作不匹配": send_msg outside states 0 (未处理) and 1 (智能助手接待). */
	sessionStateMismatch: 95018,
} as const;
