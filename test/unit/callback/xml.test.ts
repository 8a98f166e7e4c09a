/** Safe XML parsing and reply building: exact ids, nested event payloads, CDATA, and what is refused. */
import { buildXml } from '../../../nodes/shared/xml/build';
import { XmlError, type XmlErrorKind } from '../../../nodes/shared/xml/errors';
import { parseXml } from '../../../nodes/shared/xml/parse';
import { messageId, parseMessage, WECHAT_LIST_ELEMENTS } from '../../../nodes/shared/callback/normalize';
import { cdata } from './fixtures';

const LIMIT = 64 * 1024;
const parse = (xml: string) => parseMessage(xml, LIMIT);

function failure(xml: string, maxBytes = LIMIT): { kind: XmlErrorKind; message: string } {
	try {
		parseMessage(xml, maxBytes);
	} catch (error) {
		if (error instanceof XmlError) return { kind: error.kind, message: error.message };
		throw error;
	}
	throw new Error('accepted');
}

const event = (fields: string) =>
	`<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[openid]]></FromUserName>` +
	`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>${fields}</xml>`;

describe('values', () => {
	test('ids above 2^53 stay exact strings, and every value is a string as written', () => {
		const message = parse(
			'<xml><MsgId>6054768590064713728</MsgId><MsgID>18446744073709551615</MsgID><CreateTime>1348831860</CreateTime>' +
				'<Scale>20</Scale><Location_X>23.134521</Location_X><Code>0012</Code><Version>1.0</Version><Flag>true</Flag></xml>',
		);
		expect(message).toEqual({
			MsgId: '6054768590064713728',
			MsgID: '18446744073709551615',
			CreateTime: '1348831860',
			Scale: '20',
			Location_X: '23.134521',
			Code: '0012',
			Version: '1.0',
			Flag: 'true',
		});
		expect(messageId(message)).toBe('6054768590064713728');
		expect(messageId(parse('<xml><MsgID>1000000000000000001</MsgID></xml>'))).toBe('1000000000000000001');
		expect(messageId(parse('<xml><Event>subscribe</Event></xml>'))).toBeUndefined();
	});

	test('tag names keep their case; the root is unwrapped; the declaration and a BOM are fine', () => {
		expect(
			parse('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<xml><MsgType>text</MsgType><msgtype>x</msgtype></xml>'),
		).toEqual({
			MsgType: 'text',
			msgtype: 'x',
		});
	});

	test('CDATA is unwrapped and kept exactly (spaces, markup, entities, a split ]]>); text is trimmed and decoded', () => {
		const message = parse(
			`<xml><Content>${cdata('  <a href="x">&amp; ]]> 你好 🎉\n')}</Content><Empty><![CDATA[]]></Empty><Self/>` +
				'<Text>  a &amp; b &lt;c&gt; &#20013;&#x6587; &quot;&apos; &nbsp; &#0; </Text></xml>',
		);
		expect(message).toEqual({
			Content: '  <a href="x">&amp; ]]> 你好 🎉\n',
			Empty: '',
			Self: '',
			// Only XML's own references are decoded: &nbsp; (HTML) and &#0; (not an XML character) stay as written.
			Text: 'a & b <c> 中文 "\' &nbsp; &#0;',
		});
	});

	test('an empty root is an empty message', () => {
		expect(parse('<xml></xml>')).toEqual({});
		expect(parse('<xml/>')).toEqual({});
	});

	test('element names that exist on Object.prototype are plain fields, and __proto__ is refused', () => {
		expect(
			parse('<xml><toLocaleString>a</toLocaleString><isPrototypeOf>b</isPrototypeOf><valueOf>c</valueOf></xml>'),
		).toMatchObject({
			toLocaleString: 'a',
			isPrototypeOf: 'b',
		});
		expect(failure('<xml><__proto__><polluted>yes</polluted></__proto__></xml>').kind).toBe('notXml');
		expect(failure('<xml><constructor>x</constructor></xml>').kind).toBe('notXml');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('nested event payloads', () => {
	test('ScanCodeInfo', () => {
		const message = parse(
			event(
				'<Event><![CDATA[scancode_push]]></Event><EventKey><![CDATA[6]]></EventKey>' +
					'<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>',
			),
		);
		expect(message.ScanCodeInfo).toEqual({ ScanType: 'qrcode', ScanResult: '1' });
	});

	test('SendPicsInfo: PicList.item is a list for one picture as for three', () => {
		const pics = (count: number) =>
			event(
				`<Event><![CDATA[pic_photo_or_album]]></Event><EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>${count}</Count>` +
					`<PicList>${Array.from({ length: count }, (_, i) => `<item><PicMd5Sum><![CDATA[md5-${i}]]></PicMd5Sum></item>`).join('')}</PicList>` +
					'</SendPicsInfo>',
			);
		expect(parse(pics(1)).SendPicsInfo).toEqual({ Count: '1', PicList: { item: [{ PicMd5Sum: 'md5-0' }] } });
		expect(parse(pics(3)).SendPicsInfo).toEqual({
			Count: '3',
			PicList: { item: [{ PicMd5Sum: 'md5-0' }, { PicMd5Sum: 'md5-1' }, { PicMd5Sum: 'md5-2' }] },
		});
	});

	test('MASSSENDJOBFINISH: CopyrightCheckResult.ResultList items and ArticleUrlResult', () => {
		const message = parse(
			event(
				'<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1000001625</MsgID><Status><![CDATA[err(30003)]]></Status>' +
					'<TotalCount>0</TotalCount><FilterCount>0</FilterCount><SentCount>0</SentCount><ErrorCount>0</ErrorCount>' +
					'<CopyrightCheckResult><Count>2</Count><ResultList>' +
					'<item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState>' +
					'<OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType>' +
					'<CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item>' +
					'<item><ArticleIdx>2</ArticleIdx><AuditState>2</AuditState></item>' +
					'</ResultList><CheckState>2</CheckState></CopyrightCheckResult>' +
					'<ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[https://mp.weixin.qq.com/s/x]]></ArticleUrl></item></ResultList></ArticleUrlResult>',
			),
		);
		expect(messageId(message)).toBe('1000001625');
		expect(message.CopyrightCheckResult).toEqual({
			Count: '2',
			ResultList: {
				item: [
					{
						ArticleIdx: '1',
						UserDeclareState: '0',
						AuditState: '2',
						OriginalArticleUrl: 'Url_1',
						OriginalArticleType: '1',
						CanReprint: '1',
						NeedReplaceContent: '1',
						NeedShowReprintSource: '1',
					},
					{ ArticleIdx: '2', AuditState: '2' },
				],
			},
			CheckState: '2',
		});
		expect(message.ArticleUrlResult).toEqual({
			Count: '1',
			ResultList: { item: [{ ArticleIdx: '1', ArticleUrl: 'https://mp.weixin.qq.com/s/x' }] },
		});
	});

	test('WeCom template_card_event: SelectedItem and OptionId are always lists', () => {
		const message = parse(
			event(
				'<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[submit]]></EventKey><TaskId><![CDATA[task]]></TaskId>' +
					'<CardType><![CDATA[vote_interaction]]></CardType><ResponseCode><![CDATA[rc]]></ResponseCode><AgentID>1</AgentID>' +
					'<SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey><OptionIds><OptionId><![CDATA[a]]></OptionId>' +
					'<OptionId><![CDATA[c]]></OptionId></OptionIds></SelectedItem></SelectedItems>',
			),
		);
		expect(message.SelectedItems).toEqual({
			SelectedItem: [{ QuestionKey: 'q1', OptionIds: { OptionId: ['a', 'c'] } }],
		});
		const single = parse(
			event(
				'<SelectedItems><SelectedItem><QuestionKey>q</QuestionKey><OptionIds><OptionId>b</OptionId></OptionIds></SelectedItem></SelectedItems>',
			),
		);
		expect(single.SelectedItems).toEqual({ SelectedItem: [{ QuestionKey: 'q', OptionIds: { OptionId: ['b'] } }] });
	});

	test('WeCom batch_job_result and change_contact with ExtAttr', () => {
		expect(
			parse(
				event(
					'<Event><![CDATA[batch_job_result]]></Event><BatchJob><JobId><![CDATA[S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4]]></JobId>' +
						'<JobType><![CDATA[sync_user]]></JobType><ErrCode>0</ErrCode><ErrMsg><![CDATA[ok]]></ErrMsg></BatchJob>',
				),
			).BatchJob,
		).toEqual({
			JobId: 'S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4',
			JobType: 'sync_user',
			ErrCode: '0',
			ErrMsg: 'ok',
		});
		expect(
			parse(
				event(
					'<Event>change_contact</Event><ChangeType>update_user</ChangeType><ExtAttr><Item><Name><![CDATA[爱好]]></Name>' +
						'<Type>0</Type><Text><Value><![CDATA[旅游]]></Value></Text></Item></ExtAttr>',
				),
			).ExtAttr,
		).toEqual({ Item: [{ Name: '爱好', Type: '0', Text: { Value: '旅游' } }] });
	});

	test('an element that happens to repeat becomes a list; mixed content keeps its text', () => {
		expect(parse('<xml><A>1</A><A>2</A><A>3</A></xml>')).toEqual({ A: ['1', '2', '3'] });
		expect(parse('<xml><A>x<B>1</B>y</A></xml>')).toEqual({ A: { B: '1', '#text': 'xy' } });
	});

	test('the list names are the ones documented', () => {
		expect([...WECHAT_LIST_ELEMENTS].sort()).toEqual([
			'ApprovalNode',
			'Item',
			'NotifyNode',
			'OptionId',
			'SelectedItem',
			'fail_idx',
			'item',
		]);
	});
});

describe('refused', () => {
	test.each([
		[
			'billion laughs',
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
				'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>',
		],
		[
			'an external entity',
			'<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>',
		],
		['a parameter entity', '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd">%p;]><xml/>'],
		['an external DTD', '<!DOCTYPE xml SYSTEM "http://127.0.0.1/x.dtd"><xml><A>1</A></xml>'],
		['a DOCTYPE without entities', '<!DOCTYPE xml><xml><A>1</A></xml>'],
		['a DOCTYPE inside the root', '<xml><!DOCTYPE x [<!ENTITY a "b">]><A>&a;</A></xml>'],
		['an ENTITY declaration on its own', '<xml><!ENTITY a "b"><A>&a;</A></xml>'],
		['an ELEMENT declaration', '<xml><!ELEMENT a ANY><A>1</A></xml>'],
		['a conditional section', '<xml><![INCLUDE[<A>1</A>]]></xml>'],
		['a lower-case doctype', '<!doctype xml><xml/>'],
		[
			'a DOCTYPE hidden behind a quoted attribute',
			'<xml><A x="<![CDATA["><!DOCTYPE x [<!ENTITY e "pwned">]>&e;</A><B y="]]>">1</B></xml>',
		],
	])('%s', (_label, xml) => {
		expect(failure(xml)).toEqual({ kind: 'forbidden', message: 'XML with a DOCTYPE or ENTITY declaration is refused' });
	});

	test.each([
		['a stylesheet instruction', '<?xml-stylesheet href="x.xsl"?><xml/>'],
		['an instruction inside the document', '<xml><?php echo 1; ?><A>1</A></xml>'],
		['a declaration that is not at the start', '<xml/><?xml version="1.0"?>'],
	])('processing instructions: %s', (_label, xml) => {
		expect(failure(xml)).toEqual({ kind: 'forbidden', message: 'XML processing instructions are refused' });
	});

	test('declarations as text inside CDATA are content, not markup', () => {
		expect(parse(`<xml><Content>${cdata('<!DOCTYPE html><?php ?><!ENTITY x "y">')}</Content></xml>`)).toEqual({
			Content: '<!DOCTYPE html><?php ?><!ENTITY x "y">',
		});
		expect(parse('<xml><!-- <!DOCTYPE x> --><A>1</A></xml>')).toEqual({ A: '1' });
	});

	test.each([
		['an empty string', ''],
		['whitespace', ' \n '],
		['plain text', 'hello'],
		['JSON', '{"MsgType":"text"}'],
		['HTML', '<html><body>x</body></html>'],
		['two roots', '<xml><A>1</A></xml><xml><A>2</A></xml>'],
		['text before the root', 'x<xml><A>1</A></xml>'],
		['text after the root', '<xml><A>1</A></xml>x'],
		['a root with text only', '<xml>hello</xml>'],
		['a mismatched closing tag', '<xml><A>1</B></xml>'],
		['a stray closing tag', '<xml><A>1</A></B></xml>'],
		['an unclosed element', '<xml><A>1</A>'],
		['an unclosed tag', '<xml><A'],
		['an unterminated CDATA section', '<xml><A><![CDATA[abc</A></xml>'],
		['an unterminated comment', '<xml><!-- abc</xml>'],
		['an unterminated attribute value', '<xml><A x="1>1</A></xml>'],
		['nesting deeper than 32 levels', `<xml>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</xml>`],
	])('not XML: %s', (_label, xml) => {
		expect(failure(xml).kind).toBe('notXml');
	});

	test('parser messages, which may quote the input, are not the reason', () => {
		expect(failure('<xml><A secret-value-123 </A></xml>').message).not.toContain('secret-value-123');
	});

	test('the size limit counts UTF-8 bytes', () => {
		const chinese = `<xml><A>${'中'.repeat(400)}</A></xml>`; // 418 characters, 1,218 bytes
		expect(Buffer.byteLength(chinese)).toBe(1_218);
		expect(failure(chinese, 1_000)).toEqual({ kind: 'tooLarge', message: 'XML larger than 1000 bytes' });
		expect(failure(chinese, 1_217).kind).toBe('tooLarge');
		expect(parseMessage(chinese, 1_218).A).toHaveLength(400);
		expect(failure(`<xml><A>${'a'.repeat(2_000)}</A></xml>`, 1_000).kind).toBe('tooLarge');
	});

	test('another root element can be asked for', () => {
		expect(parseXml('<root><A>1</A></root>', { maxBytes: LIMIT, root: 'root' })).toEqual({ A: '1' });
		expect(() => parseXml('<xml><A>1</A></xml>', { maxBytes: LIMIT, root: 'root' })).toThrow(XmlError);
	});
});

describe('buildXml', () => {
	test('strings in CDATA, integers bare, objects nested, arrays repeated, undefined left out', () => {
		expect(
			buildXml({
				ToUserName: 'user',
				CreateTime: 1700000000,
				Skipped: undefined,
				Image: { MediaId: 'm' },
				Articles: { item: [{ Title: 'a' }, { Title: 'b', Url: undefined }] },
				Empty: '',
			}),
		).toBe(
			'<xml><ToUserName><![CDATA[user]]></ToUserName><CreateTime>1700000000</CreateTime><Image><MediaId><![CDATA[m]]></MediaId></Image>' +
				'<Articles><item><Title><![CDATA[a]]></Title></item><item><Title><![CDATA[b]]></Title></item></Articles><Empty><![CDATA[]]></Empty></xml>',
		);
	});

	test(']]> inside a value is split across two CDATA sections', () => {
		expect(buildXml({ Content: 'a]]>b]]>' })).toBe(
			'<xml><Content><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]></Content></xml>',
		);
	});

	test('CDATA round trip for awkward values', () => {
		const values = [
			']]>',
			']]]]>',
			'a]]>b',
			'<![CDATA[x]]>',
			'&amp; <b> "\'',
			'你好 🎉',
			' spaced ',
			'\n',
			']',
			']]',
			'>',
		];
		for (const value of values) {
			expect(parse(buildXml({ Content: value })).Content).toBe(value);
		}
	});

	test('characters XML cannot carry are dropped; tabs, newlines and astral characters stay', () => {
		expect(parse(buildXml({ Content: 'a\u0000b\u0001c\u001fd\ud800e\ufffff\tg\nh𝄞' })).Content).toBe('abcdef\tg\nh𝄞');
	});

	test('invalid element names and non-integer numbers are refused', () => {
		for (const name of ['', '1a', 'a b', 'a<b', '#text', 'a>']) {
			expect(() => buildXml({ [name]: 'x' })).toThrow(expect.objectContaining({ kind: 'unbuildable' }));
		}
		for (const value of [1.5, NaN, Infinity, 2 ** 53]) {
			expect(() => buildXml({ N: value })).toThrow(expect.objectContaining({ kind: 'unbuildable' }));
		}
	});

	test('line breaks between top-level elements, as in the encrypted envelope', () => {
		expect(buildXml({ A: 'x', B: 2 }, { lineBreaks: true })).toBe('<xml>\n<A><![CDATA[x]]></A>\n<B>2</B>\n</xml>');
	});
});
