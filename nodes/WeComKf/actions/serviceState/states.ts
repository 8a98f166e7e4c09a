/** The session states of kf/service_state (path/94669), with what each means for sending. */
export const SERVICE_STATES: Record<number, string> = {
	0: 'new, not handled yet (未处理): the API may send',
	1: 'handled by the bot (由智能助手接待): the API may send',
	2: 'waiting in the queue (待接入池排队中)',
	3: 'handled by a servicer (由人工接待)',
	4: 'ended or not started (已结束/未开始)',
};
