import type { IncomingHttpHeaders } from 'node:http';
import type { JsonObject } from './json';
import type { MultipartResult } from './multipart';
import type { Platform, TokenOwner } from './tokens';

/** What a route handler sees of a request: everything already read and parsed. */
export interface ApiRequest {
	readonly method: string;
	readonly path: string;
	readonly query: Readonly<Record<string, string>>;
	readonly headers: IncomingHttpHeaders;
	readonly body: Buffer;
	/** The parsed body; `undefined` when the body is empty or not valid JSON (see `body` for the bytes). */
	readonly json: unknown;
	/** Set when the request is multipart/form-data. */
	readonly multipart: MultipartResult | undefined;
	/** The caller's IP, as WeChat quotes it in errmsg ("from ip: ..."). */
	readonly remoteAddress: string;
}

/** A request whose access_token was valid for the route's platform P (default WeCom, see TokenOwner). */
export interface TokenRequest<P extends Platform = 'wecom'> extends ApiRequest {
	readonly caller: TokenOwner<P>;
}

export interface JsonReply {
	kind: 'json';
	status: number;
	body: JsonObject;
}

export interface BinaryReply {
	kind: 'binary';
	status: number;
	contentType: string;
	headers: Record<string, string>;
	body: Buffer;
}

/**
 * Server-sent events, as OpenAI streams a completion: each entry goes out as `data: <entry>\n\n`, `gapMs` apart,
 * on a chunked response that ends after the last one.
 */
export interface EventStreamReply {
	kind: 'events';
	status: number;
	events: readonly string[];
	gapMs: number;
}

export type ApiReply = JsonReply | BinaryReply | EventStreamReply;

export type TokenProblem = 'missing' | 'unknown' | 'expired' | 'invalidated';

/** Who answers a route: a WeChat platform, or the OpenAI-compatible model endpoint (openai/), which has no tokens. */
export type ProfileName = Platform | 'openai';

/** How one platform words its answers; the core uses it for token problems and injected errcodes. */
export interface PlatformProfile {
	readonly name: ProfileName;
	errorReply(req: ApiRequest, errcode: number, message: string): JsonReply;
	tokenError(req: ApiRequest, problem: TokenProblem): JsonReply;
}

interface RouteBase {
	method: 'GET' | 'POST';
	path: string;
	platform: PlatformProfile;
}

/** Token fetches and other calls authenticated by their own parameters. */
export interface PublicRoute extends RouteBase {
	auth: 'none';
	handle(req: ApiRequest): ApiReply;
}

/** Calls that take `?access_token=`; the core checks it before the handler runs. */
export interface TokenRoute<P extends Platform = 'wecom'> extends RouteBase {
	auth: 'token';
	handle(req: TokenRequest<P>): ApiReply;
}

/** A token route of any platform (one union member per platform, so each keeps its own caller type). */
export type AnyTokenRoute = { [P in Platform]: TokenRoute<P> }[Platform];

export type Route = PublicRoute | AnyTokenRoute;

/** Narrows a token route to platform P by the profile it was registered with. */
export function isRouteOf<P extends Platform>(route: RouteBase & { auth: 'token' }, platform: P): route is TokenRoute<P> {
	return route.platform.name === platform;
}

export type RouteMatch = { kind: 'none' } | { kind: 'wrongMethod' } | { kind: 'routes'; routes: Route[] };

/**
 * Exact-path routing. Several platforms may register the same method and path (WeCom and OA both serve
 * /cgi-bin/media/upload); the request's token then picks the platform.
 */
export class Router {
	private routes: Route[] = [];

	add(route: Route): void {
		const clash = this.routes.find(
			(existing) => existing.method === route.method && existing.path === route.path && existing.platform.name === route.platform.name,
		);
		if (clash !== undefined) throw new Error(`route ${route.method} ${route.path} registered twice for ${route.platform.name}`);
		this.routes.push(route);
	}

	match(method: string, path: string): RouteMatch {
		const onPath = this.routes.filter((route) => route.path === path);
		if (onPath.length === 0) return { kind: 'none' };
		const routes = onPath.filter((route) => route.method === method);
		return routes.length === 0 ? { kind: 'wrongMethod' } : { kind: 'routes', routes };
	}
}
