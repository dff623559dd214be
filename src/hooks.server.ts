import {
	isHttpError,
	isRedirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import {
	directionOf,
	negotiateLanguage,
	patientLanguages,
	uiLanguages
} from '$lib/domain/language';
import { mayUse } from '$lib/domain/staff';
import { isPatientRoute, LANG_COOKIE } from '$lib/i18n/links';
import { startServerApp, type ServerApp } from '$lib/server/app';
import { areaOfRequest, signInRedirect } from '$lib/server/auth/guard';
import { accountForSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { compressResponse } from '$lib/server/http/compress';
import { bodyLimitFor, bodyRefusal } from '$lib/server/http/route-body-limit';
import { BEFORE_KIT } from '$lib/server/http/node-handler.js';
import { DEFAULT_CSP, securityHeaders } from '$lib/server/http/security-headers.js';
import { inRequest, logger, requestIdFrom } from '$lib/server/operations/log';
import { requestDone, serverTiming } from '$lib/server/operations/request-done';
import { keptPagesBeforeKit } from '$lib/server/patient-pages/before-kit';
import { patientPageKey } from '$lib/server/patient-pages/page-key';

let app: ServerApp | undefined;

export const init: ServerInit = async () => {
	if (building) return;
	const started = await startServerApp(process.env);
	app = started;
	// Kept patient pages are answered before SvelteKit from here on (http/node-handler.js).
	(globalThis as Record<symbol, unknown>)[BEFORE_KIT] = keptPagesBeforeKit(started);
	/*
	 * Shutdown (SIGTERM from an orchestrator, SIGINT from a terminal): adapter-node stops
	 * accepting connections and lets the requests in flight finish (up to SHUTDOWN_TIMEOUT
	 * seconds); meanwhile /api/ready answers 503. Once the last one has finished it emits
	 * `sveltekit:shutdown`: the database is closed then (SQLite checkpoints its WAL into the
	 * file), and with nothing left to run the process exits 0.
	 */
	const stopping = () => (started.shuttingDown = true);
	process.once('SIGTERM', stopping);
	process.once('SIGINT', stopping);
	process.once(
		'sveltekit:shutdown',
		() =>
			void started
				.close()
				.catch((error: unknown) => logger.error({ err: error }, 'Closing the database failed'))
	);
};

/*
 * Every request, once, as it completes: one log line and one histogram observation. The route
 * id (`/(patient)/p/[token]`) stands for the path, which can hold a patient's token; the query
 * string is never logged either. A proxy's x-request-id is kept when it is a plain short token.
 */
const observed: Handle = async ({ event, resolve }) => {
	if (building) return resolve(event);
	const started = performance.now();
	const requestId = requestIdFrom(event.request.headers);
	let status = 500;
	const context = { requestId, refused: false, queries: [] as Array<[number, number]> };
	try {
		const response = await inRequest(requestId, () => resolve(event), context);
		status = response.status;
		response.headers.set('x-request-id', requestId);
		// The database's share of the answer (its queries, database.ts), when the install asks.
		if (event.locals.app?.config.serverTiming)
			response.headers.set(
				'Server-Timing',
				serverTiming(context.queries, performance.now() - started)
			);
		return response;
	} catch (thrown) {
		if (isRedirect(thrown) || isHttpError(thrown)) status = thrown.status;
		throw thrown;
	} finally {
		requestDone({
			requestId,
			method: event.request.method,
			routeId: event.route.id,
			status,
			ms: performance.now() - started,
			queries: context.queries,
			refused: context.refused,
			user: event.locals.user
		});
	}
};

const answered: Handle = async ({ event, resolve }) => {
	const isPatientPage = isPatientRoute(event.route.id);
	// Prerendering (the offline page, one per language) has no query string: its path names it.
	const explicit = building ? (event.params.lang ?? null) : event.url.searchParams.get('lang');
	event.locals.user = null;
	event.locals.sessionToken = null;
	if (app) {
		event.locals.app = app;
		app.noticeProxy(event.request.headers);
		const token = isPatientPage ? undefined : event.cookies.get(SESSION_COOKIE);
		if (token) {
			event.locals.user = await accountForSession(app.db, token, new Date(), app.config.idleLimits);
			event.locals.sessionToken = event.locals.user ? token : null;
		}
	}

	// Patient pages set no cookies: their language travels in the link.
	const remembered = isPatientPage ? null : event.cookies.get(LANG_COOKIE);
	// A signed-in person's language from Your account (042) applies where this device has no
	// choice of its own: the switcher's cookie is this device's, the account's every device's.
	const chosen = event.locals.user?.interfaceLanguage ?? null;
	// Patient pages speak every written content language; staff pages only theirs, so a staff
	// page given ?lang=pl passes over it to the remembered choice, the account's, the browser's,
	// then English.
	// The offline page is built in every patient page language: patients and staff both meet it.
	const everyLanguage = isPatientPage || (building && event.route.id === '/offline/[lang]');
	event.locals.lang = negotiateLanguage(
		everyLanguage ? patientLanguages : uiLanguages,
		[explicit, remembered, chosen],
		event.request.headers.get('accept-language')
	);
	if (!isPatientPage && explicit && explicit === event.locals.lang && explicit !== remembered)
		event.cookies.set(LANG_COOKIE, explicit, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			httpOnly: true,
			sameSite: 'lax'
		});

	// Before any body is read: anonymous posts are small everywhere, large ones only uploads.
	const tooLarge = bodyRefusal(event.request, bodyLimitFor(event.route.id, !!event.locals.user));
	if (tooLarge)
		return secured(
			new Response(tooLarge === 413 ? 'Payload Too Large' : 'Length Required', {
				status: tooLarge
			})
		);

	const area = areaOfRequest(event.route.id, event.url.pathname);
	if (area) {
		// Pages render a translated 403 from their area's layout, which checks again; anything
		// else (form actions, endpoints) is refused here before it runs.
		const { user } = event.locals;
		const isPageRead = event.request.method === 'GET' || event.request.method === 'HEAD';
		if (!user && isPageRead) signInRedirect(event.url);
		if (!user || (!isPageRead && !mayUse(area, user.role)))
			return secured(
				new Response(user ? 'Forbidden' : 'Sign in required', { status: user ? 403 : 401 })
			);
	}

	const render = async () => {
		const response = await resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%app.lang%', event.locals.lang)
					.replace('%app.dir%', directionOf(event.locals.lang))
		});
		secured(response);
		// The page's language, for the service worker: its offline page follows the reader's.
		if (response.headers.get('content-type')?.startsWith('text/html'))
			response.headers.set('Content-Language', event.locals.lang);
		if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
		return response;
	};
	// A published briefing's patient page is rendered once and answered from memory (with 304s)
	// until what it shows changes; anything of a request's own (a token, a POST) is rendered.
	if (app && isPatientPage) {
		const key = await patientPageKey(app, {
			method: event.request.method,
			routeId: event.route.id,
			params: event.params,
			url: event.url,
			lang: event.locals.lang
		});
		return app.patientPages.answer(event.request, key, render);
	}
	return compressResponse(event.request, await render());
};

export const handle = sequence(observed, answered);

const headers = securityHeaders(process.env.ORIGIN);

/** The security headers, on every answer; a page's own policy (with its hashes) is kept. */
function secured(response: Response): Response {
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	if (!response.headers.has('content-security-policy'))
		response.headers.set('Content-Security-Policy', DEFAULT_CSP);
	return response;
}

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) logger.error({ err: error, status }, 'unexpected error');
	return { message: status === 404 ? 'notFound' : 'unexpected' };
};
