'use strict';
/**
 * AI-bot stream features in a REAL n8n, each in a small workflow of its own built from the example's trigger, run
 * by aibot.js (which publishes these workflows and calls run()) and driven by the emulator's pusher, which judges
 * every answer as WeCom takes it:
 *   card       a template_card_event answered by Update Card: the passive answer is the card update WeCom takes
 *              (response_type update_template_card), with the clicked key in its title
 *   failed     a run that fails after writing into its stream: the next polls end the stream with what was written
 *              and the notice 出错了，请稍后再试, within seconds instead of WeCom's 6 minutes; the execution failed
 *   images     Finish with an image from a binary field: the final poll carries it (msg_item, md5 checked)
 *   parts      Append, a 2 s Wait, Finish: a poll shows the first part unfinished, a later one the whole answer
 *              (queue-aibot.js sends the same conversation through queue mode's proxy to both webhook processes)
 */
const assert = require('node:assert');
const { createHash } = require('node:crypto');
const h = require('./host');

const TRIGGER_TYPE = 'n8n-nodes-wecom-oa.weComAiBotTrigger';
const CARD_ID = 'e2e-aibot-card';
const FAILING_ID = 'e2e-aibot-failing';
const IMAGES_ID = 'e2e-aibot-images';
const PARTS_ID = 'e2e-aibot-parts';
const PARTS = { first: '第一部分。', second: '第二部分。' };
/** A 1×1 PNG, the image the images workflow shows. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A workflow of the AI bot: the example's trigger on a webhook of its own, then a chain of nodes. */
function chain(example, { id, name, webhookId, triggerOn }, nodes) {
	const trigger = {
		...example.nodes.find((node) => node.type === TRIGGER_TYPE),
		webhookId,
		parameters: { triggerOn, reply: 'replyNode', options: {} },
	};
	const placed = nodes.map((node, index) => ({
		id: `${webhookId.slice(0, 24)}${String(index + 1).padStart(12, '0')}`,
		position: [220 * (index + 1), 0],
		...(node.type.startsWith('n8n-nodes-wecom-oa.') ? { credentials: trigger.credentials } : {}),
		...node,
	}));
	const all = [trigger, ...placed];
	const connections = {};
	for (let i = 0; i + 1 < all.length; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { ...example, id, name, nodes: all, connections, pinData: {} };
}

const replyNode = (name, parameters) => ({
	name,
	type: 'n8n-nodes-wecom-oa.weComAiBotReply',
	typeVersion: 1,
	parameters,
});
const codeNode = (name, jsCode) => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { mode: 'runOnceForEachItem', jsCode },
});

const CARD = { id: CARD_ID, name: 'e2e: WeCom AI bot, card click', webhookId: '7b3e1d5f-2c4a-4b6d-9e8f-1a2b3c4d5e61' };
const FAILING = {
	id: FAILING_ID,
	name: 'e2e: WeCom AI bot, run fails mid-answer',
	webhookId: '8c4f2e6a-3d5b-4c7e-8f9a-2b3c4d5e6f71',
};
const IMAGES = {
	id: IMAGES_ID,
	name: 'e2e: WeCom AI bot, answer with an image',
	webhookId: '9d5a3f7b-4e6c-4d8f-9a0b-3c4d5e6f7a81',
};

const PARTS_WORKFLOW = {
	id: PARTS_ID,
	name: 'e2e: WeCom AI bot, answer in two parts',
	webhookId: 'ae6b4a8c-5f7d-4e9a-8b1c-4d5e6f7a8b91',
};

/** What aibot.js publishes, from the example workflow. */
function workflows(example) {
	return [
		chain(example, { ...CARD, triggerOn: ['event:template_card_event'] }, [
			replyNode('Update the card', {
				resource: 'message',
				operation: 'updateCard',
				templateCard:
					"={{ JSON.stringify({ card_type: 'button_interaction', main_title: { title: '已选择：' + $json.eventData.event_key }, task_id: $json.eventData.task_id, button_list: [{ text: '已处理', key: 'done', style: 2 }] }) }}",
			}),
		]),
		chain(example, { ...FAILING, triggerOn: ['message:*'] }, [
			replyNode('Say we are on it', { resource: 'stream', operation: 'append', content: '正在查询…' }),
			codeNode('Model fails', "throw new Error('the model is unreachable');"),
			replyNode('Never reached', { resource: 'stream', operation: 'finish', content: 'unreachable' }),
		]),
		chain(example, { ...IMAGES, triggerOn: ['message:*'] }, [
			codeNode(
				'Draw the chart',
				`return { json: $json, binary: { chart: { data: '${PNG_BASE64}', mimeType: 'image/png', fileName: 'chart.png' } } };`,
			),
			replyNode('Answer with the chart', {
				resource: 'stream',
				operation: 'finish',
				content: '图表如下：',
				images: 'chart',
			}),
		]),
		chain(example, { ...PARTS_WORKFLOW, triggerOn: ['message:*'] }, [
			replyNode('First part', { resource: 'stream', operation: 'append', content: PARTS.first }),
			{
				name: 'Think (2 s)',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				parameters: { amount: 2, unit: 'seconds' },
			},
			replyNode('Second part', { resource: 'stream', operation: 'finish', content: PARTS.second }),
		]),
	];
}

/**
 * The two-part answer, conversed through `url`: every poll a sealed stream answer of the same stream, one showing
 * the first part unfinished, the last the whole answer, finished. Returns the conversation.
 */
async function twoPartAnswer(s, url, { message, converse, describe }) {
	const conversation = await converse(s.emulator, url, await message(s.emulator), { pollEveryMs: 250 });
	const id = conversation.answer?.reply?.stream?.id;
	assert.ok(id, describe(conversation));
	for (const poll of conversation.polls) {
		assert.strictEqual(poll.problem, undefined, describe(conversation));
		assert.strictEqual(
			poll.reply?.stream?.id,
			id,
			`a poll was not answered from the stream: ${describe(conversation)}`,
		);
	}
	const shown = conversation.polls.map((poll) => [poll.reply.stream.content, poll.reply.stream.finish]);
	assert.ok(
		shown.some(([content, finish]) => content === PARTS.first && !finish),
		`no poll showed the first part alone: ${JSON.stringify(shown)}`,
	);
	assert.strictEqual(conversation.finished, true, describe(conversation));
	assert.strictEqual(conversation.content, PARTS.first + PARTS.second);
	return conversation;
}

async function run(s, { example, baseUrl, waitForProductionUrl, triggerUrl, message, converse, describe }) {
	const { ctx, emulator } = s;
	const [card, failing, images, parts] = workflows(example).map((workflow) => triggerUrl(baseUrl, workflow));
	const ready = await ctx.checkAsync(
		'aibot streams: the card, failing, image and two-part workflows are active',
		async () => {
			for (const target of [card, failing, images, parts]) {
				assert.strictEqual((await waitForProductionUrl(ctx, target)).status, 401);
			}
		},
	);
	if (!ready) return;

	await ctx.checkAsync(
		'aibot: a card click is answered with the card update from Update Card, as WeCom takes it',
		async () => {
			const msg = await message(emulator, {
				msgtype: 'event',
				event: {
					eventtype: 'template_card_event',
					template_card_event: { card_type: 'button_interaction', event_key: 'approve', task_id: 'e2e-task-1' },
				},
			});
			delete msg.text;
			const conversation = await converse(emulator, card, msg, { tries: 1 });
			assert.strictEqual(conversation.attempts[0].status, 200, describe(conversation));
			assert.ok(conversation.attempts[0].ms < 5000, `answered after ${conversation.attempts[0].ms} ms`);
			assert.strictEqual(conversation.answer.problem, undefined, describe(conversation));
			assert.deepStrictEqual(conversation.answer.reply, {
				response_type: 'update_template_card',
				template_card: {
					card_type: 'button_interaction',
					main_title: { title: '已选择：approve' },
					task_id: 'e2e-task-1',
					button_list: [{ text: '已处理', key: 'done', style: 2 }],
				},
			});
			const page = await s.executions.settle(CARD_ID, 1);
			assert.strictEqual(page.results[0].status, 'success');
		},
	);

	await ctx.checkAsync(
		'aibot: a run failing mid-answer ends its stream with the notice in seconds, not 6 minutes',
		async () => {
			const started = Date.now();
			const conversation = await converse(emulator, failing, await message(emulator), { pollForMs: 30_000 });
			assert.ok(
				conversation.polls.every((poll) => !poll.problem),
				describe(conversation),
			);
			assert.strictEqual(conversation.finished, true, describe(conversation));
			// n8n 1.x ends a failed run's responseNode wait with an empty 200 (not 2.x's 500 "Error in workflow"), so
			// the trigger cannot tell a failure from a run that just never finished: the stream ends without the notice.
			const notice = h.N8N_MAJOR >= 2 ? '\n\n出错了，请稍后再试' : '';
			assert.strictEqual(conversation.content, `正在查询…${notice}`);
			assert.ok(Date.now() - started < 15_000, `the stream ended after ${Date.now() - started} ms`);
			const page = await s.executions.settle(FAILING_ID, 1);
			assert.strictEqual(page.results[0].status, 'error');
		},
	);

	await ctx.checkAsync('aibot: Finish shows an image from a binary field under the answer (msg_item)', async () => {
		const conversation = await converse(emulator, images, await message(emulator));
		assert.ok(
			conversation.polls.every((poll) => !poll.problem),
			describe(conversation),
		);
		assert.strictEqual(conversation.finished, true, describe(conversation));
		assert.strictEqual(conversation.content, '图表如下：');
		const png = Buffer.from(PNG_BASE64, 'base64');
		assert.deepStrictEqual(conversation.images, [
			{ md5: createHash('md5').update(png).digest('hex'), bytes: png.length },
		]);
	});

	await ctx.checkAsync(
		'aibot: an answer written in two parts shows the first part, then the whole, one execution',
		async () => {
			const before = await s.executions.count(PARTS_ID);
			await twoPartAnswer(s, parts, { message, converse, describe });
			const page = await s.executions.settle(PARTS_ID, before + 1);
			assert.strictEqual(page.count, before + 1);
		},
	);
}

module.exports = { run, workflows, twoPartAnswer, PARTS_ID, PARTS_WEBHOOK_ID: PARTS_WORKFLOW.webhookId };
