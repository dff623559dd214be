import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateLanguage, patientLanguages } from '$lib/domain/language';
import type { ServerApp } from '$lib/server/app';
import { inRequest, logger, requestIdOf, type RequestContext } from '$lib/server/operations/log';
import { requestDone, serverTiming } from '$lib/server/operations/request-done';
import { keptAnswer } from './page-cache';
import { KEPT_ROUTE, keptPageKey } from './page-key';

/*
 * A kept patient page answered before SvelteKit (issue #16). Once a published briefing's page
 * is kept (page-cache.ts, which SvelteKit fills on the page's first request), asking SvelteKit
 * for it again cost more than the page itself: a web Request made from Node's, its routing and
 * hooks, a Response written back into Node's (a CPU profile under `npm run bench floors`). So the
 * server's Node handler (http/node-handler.js) asks here first, and this answers only what is
 * already kept, from the same key SvelteKit's hook uses: the same small query of what the page
 * shows (page-key.ts), so a publish, retire or organisation change on any app server is seen at
 * once, as there. Anything else, and anything unusual about the request, goes on to SvelteKit,
 * which answers it exactly as before.
 *
 * Only plain slugs are taken here (a slug is lower-case letters, digits and hyphens), so the
 * path needs no decoding of its own; the key holds the path as the address gave it, as
 * SvelteKit's does, so a page kept under another spelling of the path is never answered.
 */

const KEPT_PATH = /^\/o\/([a-z0-9-]+)\/b\/([a-z0-9-]+)$/;

/** The answerer: false (synchronously) when the request is not for this path, else whether it answered. */
export type BeforeKit = (req: IncomingMessage, res: ServerResponse) => false | Promise<boolean>;

/** What of the app it reads: the database pools, the kept pages, and two of its settings. */
export type BeforeKitApp = Pick<ServerApp, 'db' | 'readDb' | 'patientPages' | 'noticeProxy'> & {
	config: Pick<ServerApp['config'], 'serverTiming'>;
};

export function keptPagesBeforeKit(app: BeforeKitApp): BeforeKit {
	return (req, res) => {
		if (req.method !== 'GET' || !req.url?.startsWith('/o/')) return false;
		// A GET with a body is SvelteKit's to refuse, as it refuses one anywhere.
		if (req.headers['transfer-encoding'] || (req.headers['content-length'] ?? '0') !== '0')
			return false;
		const url = new URL(`http://localhost${req.url}`);
		const slugs = KEPT_PATH.exec(url.pathname);
		if (!slugs) return false;
		return answer(app, req, res, url, slugs[1]!, slugs[2]!).catch((error: unknown) => {
			// SvelteKit answers it instead, and logs its own failure if it has one.
			logger.error({ err: error }, 'Answering a kept patient page before SvelteKit failed');
			return false;
		});
	};
}

async function answer(
	app: BeforeKitApp,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	organisation: string,
	slug: string
): Promise<boolean> {
	const started = performance.now();
	const requestId = requestIdOf(req.headers['x-request-id']);
	const queries: Array<[number, number]> = [];
	const context: RequestContext = { requestId, queries };
	// Patient pages keep no cookie and read no session: the address's language, else the browser's.
	const lang = negotiateLanguage(
		patientLanguages,
		[url.searchParams.get('lang')],
		req.headers['accept-language']
	);
	const key = await inRequest(
		requestId,
		() => keptPageKey(app, { url, lang, organisation, slug }),
		context
	);
	const page = key === null ? undefined : app.patientPages.kept(key);
	if (!page) return false;

	app.noticeProxy({ has: (name) => req.headers[name.toLowerCase()] !== undefined });
	const { status, headers, body } = keptAnswer(
		page,
		req.headers['accept-encoding'],
		req.headers['if-none-match']
	);
	// Written in one step: should Node refuse a header, nothing of this answer is left on the
	// response for SvelteKit's to inherit.
	const written = Object.fromEntries(headers);
	written['x-request-id'] = requestId;
	if (app.config.serverTiming)
		written['server-timing'] = serverTiming(queries, performance.now() - started);
	res.writeHead(status, written).end(body);
	requestDone({
		requestId,
		method: 'GET',
		routeId: KEPT_ROUTE,
		status,
		ms: performance.now() - started,
		queries,
		refused: false,
		user: null
	});
	return true;
}
