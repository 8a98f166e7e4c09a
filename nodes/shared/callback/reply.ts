/**
 * Passive replies: the XML answered to a callback within WeChat's 5 s, and its encrypted envelope for OA safe
 * mode and WeCom. The field names and order follow WeChat's reply docs; every string goes into CDATA (build.ts).
 */
import { encryptMessage } from '../crypto/cipher';
import { messageSignature } from '../crypto/signature';
import { buildXml, type XmlBuildObject } from '../xml/build';
import type { Platform } from './platform';

export interface NewsArticle {
	title: string;
	description?: string;
	picUrl?: string;
	url?: string;
}

export interface ReplyFields {
	text: { content: string };
	image: { mediaId: string };
	voice: { mediaId: string };
	video: { mediaId: string; title?: string; description?: string };
	/** OA only. */
	music: { thumbMediaId: string; title?: string; description?: string; musicUrl?: string; hqMusicUrl?: string };
	news: { articles: NewsArticle[] };
	/** OA only: hands the conversation to the customer-service (客服) system, optionally to one account. */
	transfer_customer_service: { kfAccount?: string };
	/** WeCom only: relabels the clicked button of a template card (answer to template_card_event). */
	update_button: { replaceName: string };
}

export type ReplyKind = keyof ReplyFields;

export interface ReplyContext {
	platform: Platform;
	/** The sender of the message being answered (its FromUserName): OpenID or UserID. */
	toUser: string;
	/** Our account (the message's ToUserName): the OA's gh_ id or the CorpID. */
	fromUser: string;
	/** Seconds since the epoch. */
	createTime: number;
	/**
	 * The MsgType of the message being answered. An OA news reply to a user message may carry 1 article; to an
	 * event (e.g. subscribe), up to 8.
	 */
	incomingMsgType?: string;
}

export class ReplyError extends Error {
	/** The ReplyFields key at fault, when one is (the node shows its field name), and how to fix it. */
	readonly field?: string;
	readonly fix?: string;

	constructor(message: string, field?: string, fix?: string) {
		super(message);
		this.name = 'ReplyError';
		this.field = field;
		this.fix = fix;
	}
}

const OA_ONLY: ReadonlySet<ReplyKind> = new Set(['music', 'transfer_customer_service']);
const WECOM_ONLY: ReadonlySet<ReplyKind> = new Set(['update_button']);
const WECOM_TEXT_MAX_BYTES = 2048;
const MAX_ARTICLES = 8;

/** `field`: the ReplyFields key the value came from, when it is not `name` itself. */
function required(value: string | undefined, name: string, field = name): string {
	if (typeof value !== 'string' || value.trim() === '')
		throw new ReplyError(`${name} is required`, field, 'Fill it in.');
	return value;
}

function maxArticles(context: ReplyContext): number {
	return context.platform === 'oa' && context.incomingMsgType !== 'event' ? 1 : MAX_ARTICLES;
}

/** Each kind's elements after the common header; the mapped type lets `kind` pick the matching fields' type. */
const BODIES: { [K in ReplyKind]: (fields: ReplyFields[K], context: ReplyContext) => XmlBuildObject } = {
	text: ({ content }, context) => {
		required(content, 'content');
		const bytes = Buffer.byteLength(content);
		if (context.platform === 'wecom' && bytes > WECOM_TEXT_MAX_BYTES) {
			throw new ReplyError(
				`is ${bytes} bytes; WeCom text replies are limited to ${WECOM_TEXT_MAX_BYTES} bytes (UTF-8)`,
				'content',
				'Shorten it (a Chinese character takes 3 bytes), or send the rest as application messages (WeCom Send → Message).',
			);
		}
		return { Content: content };
	},
	image: ({ mediaId }) => ({ Image: { MediaId: required(mediaId, 'mediaId') } }),
	voice: ({ mediaId }) => ({ Voice: { MediaId: required(mediaId, 'mediaId') } }),
	video: ({ mediaId, title, description }) => ({
		Video: { MediaId: required(mediaId, 'mediaId'), Title: title, Description: description },
	}),
	music: ({ title, description, musicUrl, hqMusicUrl, thumbMediaId }) => ({
		Music: {
			Title: title,
			Description: description,
			MusicUrl: musicUrl,
			HQMusicUrl: hqMusicUrl,
			ThumbMediaId: required(thumbMediaId, 'thumbMediaId'),
		},
	}),
	news: ({ articles }, context) => {
		const limit = maxArticles(context);
		if (!Array.isArray(articles) || articles.length === 0)
			throw new ReplyError('a news reply needs an article', 'articles', 'Add an article.');
		if (articles.length > limit) {
			throw limit === 1
				? new ReplyError(
						`has ${articles.length} articles; an Official Account news reply to a user message may carry only 1 article`,
						'articles',
						'Keep one article, or send the others afterwards as customer-service messages (Customer-Service Message → Send).',
					)
				: new ReplyError(
						`a news reply may carry at most ${limit} articles`,
						'articles',
						`Keep ${limit} articles or fewer.`,
					);
		}
		return {
			ArticleCount: articles.length,
			Articles: {
				item: articles.map((article) => ({
					Title: required(article.title, 'article title', 'articles'),
					Description: article.description,
					PicUrl: article.picUrl,
					Url: article.url,
				})),
			},
		};
	},
	transfer_customer_service: ({ kfAccount }) => (kfAccount ? { TransInfo: { KfAccount: kfAccount } } : {}),
	update_button: ({ replaceName }) => ({ Button: { ReplaceName: required(replaceName, 'replaceName') } }),
};

function body<K extends ReplyKind>(kind: K, fields: ReplyFields[K], context: ReplyContext): XmlBuildObject {
	// `kind` comes from a node parameter at run time: an unknown one must not reach an inherited property.
	if (!Object.prototype.hasOwnProperty.call(BODIES, kind)) throw new ReplyError(`unknown reply type: ${String(kind)}`);
	const build: (fields: ReplyFields[K], context: ReplyContext) => XmlBuildObject = BODIES[kind];
	return build(fields, context);
}

export function buildReplyXml<K extends ReplyKind>(kind: K, fields: ReplyFields[K], context: ReplyContext): string {
	if (OA_ONLY.has(kind) && context.platform !== 'oa')
		throw new ReplyError(`${kind} replies exist on Official Accounts only`);
	if (WECOM_ONLY.has(kind) && context.platform !== 'wecom') throw new ReplyError(`${kind} replies exist on WeCom only`);
	if (!Number.isSafeInteger(context.createTime) || context.createTime < 0) {
		throw new ReplyError('createTime must be whole seconds since the epoch');
	}
	return buildXml({
		ToUserName: required(context.toUser, 'toUser'),
		FromUserName: required(context.fromUser, 'fromUser'),
		CreateTime: context.createTime,
		MsgType: kind,
		...body(kind, fields, context),
	});
}

export interface EncryptReplyOptions {
	token: string;
	/** The 32-byte key from decodeAesKey. */
	key: Buffer;
	/** AppID / CorpID: the receiveId WeChat checks after decrypting. */
	receiveId: string;
	/** Seconds; reusing the request's timestamp and nonce is common and fine. */
	timestamp: string | number;
	nonce: string;
	/** Tests only: a known random prefix. */
	random16?: Buffer;
}

/** WeChat verifies `MsgSignature` over the timestamp text, so it must be the same digits `TimeStamp` shows. */
function timestampText(timestamp: string | number): string {
	const text = String(timestamp);
	if (!/^(0|[1-9][0-9]{0,14})$/.test(text)) throw new ReplyError('timestamp must be whole seconds');
	return text;
}

/** The encrypted envelope WeChat expects in safe mode and from WeCom, byte for byte as the official samples write it. */
export function encryptReply(xml: string, options: EncryptReplyOptions): string {
	const timestamp = timestampText(options.timestamp);
	const nonce = required(options.nonce, 'nonce');
	const encrypt = encryptMessage(options.key, xml, options.receiveId, options.random16);
	return buildXml(
		{
			Encrypt: encrypt,
			MsgSignature: messageSignature(options.token, timestamp, nonce, encrypt),
			TimeStamp: Number(timestamp),
			Nonce: nonce,
		},
		{ lineBreaks: true },
	);
}
