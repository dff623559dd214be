// Wraps adapter-node's request handler (svelte.config.js puts this in front of it in build/),
// for what only the Node side can do:
// - security headers on answers the hook never sees: adapter-node serves static files and
//   prerendered pages (/offline) before SvelteKit runs. A prerendered page keeps the policy
//   SvelteKit wrote in its <meta> tag (with its script hashes), sent as a header with
//   frame-ancestors added; anything else gets the default policy unless it sets its own.
// - a body left unread by an early answer (a 401 or 413 before the form is read) is read and
//   thrown away once the answer is sent, as Node itself does when nobody listens: otherwise
//   the paused body blocks the kept-alive connection and the client's next request on it fails.
//   Node's requestTimeout still bounds a body that never ends.
// - bundled files a browser may keep (issue #16): adapter-node sends no Cache-Control for
//   files outside /_app/immutable/, so a phone asked again for every symbol of an easy-read page
//   on every visit (a browser's guess from Last-Modified, the build's time, is near zero). See
//   `keepFor`.
// - a kept patient page is answered before SvelteKit by what the app put under BEFORE_KIT when
//   it started (patient-pages/before-kit.ts): false, or a promise of false, passes the request on.
// - a bundled file gone from the build folder since the start answers 404 instead of ending the
//   process. See `answerVanishedFiles`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_CSP, securityHeaders, withFrameAncestors } from './security-headers.js';

const META_CSP = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;

/** Each prerendered page's policy by path ('/offline'), read from its HTML once at start. */
export function prerenderedPolicies(/** @type {string} */ dir) {
	/** @type {Map<string, string>} */
	const policies = new Map();
	/** @param {string} folder */
	const walk = (folder) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const file = join(folder, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.html')) {
				const csp = META_CSP.exec(readFileSync(file, 'utf8'))?.[1];
				const path = `/${relative(dir, file).split(sep).join('/')}`
					.replace(/\.html$/, '')
					.replace(/(^|\/)index$/, '');
				if (csp) policies.set(path || '/', withFrameAncestors(csp.replaceAll('&#39;', "'")));
			}
		}
	};
	try {
		walk(dir);
	} catch {
		// no prerendered pages
	}
	return policies;
}

/** A year: a symbol never changes under its name (the service worker keeps them cache-first). */
const FOR_GOOD = 'public, max-age=31536000, immutable';
/** A day, then shown while checked: demo media, NHS icons and the app's icons may be re-made. */
const FOR_A_DAY = 'public, max-age=86400, stale-while-revalidate=604800';

/**
 * How long a browser may keep the bundled file at `path`, or undefined for anything else (pages
 * and the API say for themselves; /_app/immutable/ is adapter-node's; a lead's uploads are
 * named by their SHA-256 and say so in media/serve-file.ts).
 * @param {string} path
 */
export function keepFor(path) {
	if (path.startsWith('/symbols/') && path.endsWith('.svg')) return FOR_GOOD;
	if (/^\/(media|nhsuk-images|icons)\/[^/]/.test(path)) return FOR_A_DAY;
	return undefined;
}

/**
 * Sends `cacheControl` with the answer if it is the file (200, 206, 304), never with a 404 or
 * an error: a browser would keep those too.
 * @param {import('node:http').ServerResponse} res
 * @param {string} cacheControl
 */
function keepIfFound(res, cacheControl) {
	const writeHead = res.writeHead;
	/** @type {any} */ (res).writeHead = function (
		/** @type {number} */ status,
		/** @type {any[]} */ ...rest
	) {
		if (status === 200 || status === 206 || status === 304)
			res.setHeader('Cache-Control', cacheControl);
		return writeHead.call(res, status, ...rest);
	};
}

/**
 * Makes a bundled file that has gone from the build folder since the server started (the folder
 * rebuilt under it: docs/deployment.md) answer 404 for that request, rather than end the process.
 *
 * adapter-node's static handler (sirv) lists the build's files once, at start. For a file on its
 * list it writes the head (200, with the listed length) and pipes `fs.createReadStream(file)`
 * into the answer, with nothing listening for the stream's errors: a file that has vanished
 * (a precompressed `.br` of the last build) made an ENOENT nobody caught, and Node exited.
 *
 * Node sends a head only with the body's first bytes, so holding back a 200 or 206 head that
 * carries headers, as sirv's does, until then costs nothing on the wire: a file that cannot be
 * opened fails before its first byte, and its head is dropped for a 404. A file failing later (a
 * read error) ends this answer only. A held head that no file follows is written at the end of
 * the tick that wrote it. A bare status (SvelteKit's answers; Node's own call on a first write
 * with no head) is never held.
 * @param {import('node:http').ServerResponse} res
 */
function answerVanishedFiles(res) {
	const { writeHead, write, end, flushHeaders } = res;
	/** @type {any[] | undefined} */
	let held;
	let piped = false;
	const release = () => {
		if (!held) return;
		const head = held;
		held = undefined;
		writeHead.apply(res, /** @type {any} */ (head));
	};
	/** @type {any} */ (res).writeHead = function (
		/** @type {number} */ status,
		/** @type {any[]} */ ...rest
	) {
		release();
		if ((status !== 200 && status !== 206) || rest.length === 0)
			return writeHead.call(res, status, ...rest);
		held = [status, ...rest];
		queueMicrotask(() => {
			if (!piped) release();
		});
		return res;
	};
	/** @type {any} */ (res).write = function (/** @type {any[]} */ ...args) {
		release();
		return write.apply(res, /** @type {any} */ (args));
	};
	/** @type {any} */ (res).end = function (/** @type {any[]} */ ...args) {
		release();
		return end.apply(res, /** @type {any} */ (args));
	};
	res.flushHeaders = function () {
		release();
		flushHeaders.call(res);
	};
	res.on('pipe', (/** @type {import('node:stream').Readable} */ source) => {
		piped = true;
		source.once('error', (error) => {
			logVanished(source, error);
			if (res.destroyed) return;
			if (!held) return res.destroy();
			held = undefined;
			// The file's own headers were in the head; adapter-node's year-long Cache-Control for
			// /_app/immutable/ was set apart from it, and must not keep a 404 in a browser.
			res.removeHeader('Cache-Control');
			writeHead
				.call(res, 404, {
					'Content-Type': 'text/plain; charset=utf-8',
					'Cache-Control': 'no-store'
				})
				.end('Not found');
		});
	});
}

/**
 * One line in the server's JSON log (docs/operations.md, "Logs"): the path is the file's in the
 * build folder, never a request's address.
 * @param {import('node:stream').Readable} source
 * @param {Error & { code?: string }} error
 */
function logVanished(source, error) {
	const file = /** @type {{ path?: unknown }} */ (source).path;
	const line = {
		level: 'error',
		time: new Date().toISOString(),
		file: typeof file === 'string' ? file : undefined,
		err: { type: error.name, code: error.code, message: error.message },
		msg: 'A file of the build could not be read: was its folder rebuilt or removed under the running server? (docs/deployment.md, "Upgrading")'
	};
	process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Where the app, once started, puts its answerer of requests it can answer before SvelteKit. */
export const BEFORE_KIT = Symbol.for('safety-briefing.before-kit');

/**
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => false | Promise<boolean>} BeforeKit
 */

/**
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => unknown} inner
 * @param {Map<string, string>} policies
 */
export function wrapHandler(inner, policies) {
	const headers = securityHeaders(process.env.ORIGIN);
	return (
		/** @type {import('node:http').IncomingMessage} */ req,
		/** @type {import('node:http').ServerResponse} */ res,
		/** @type {() => void} */ next
	) => {
		for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
		let path = (req.url ?? '/').split('?')[0] ?? '/';
		try {
			path = decodeURIComponent(path);
		} catch {
			// an undecodable path is nobody's prerendered page
		}
		res.setHeader(
			'Content-Security-Policy',
			policies.get(path.length > 1 ? path.replace(/\/$/, '') : path) ?? DEFAULT_CSP
		);
		const cacheControl = keepFor(path);
		if (cacheControl) keepIfFound(res, cacheControl);
		res.once('finish', () => {
			if (req.complete) return;
			req.removeAllListeners('data');
			req.on('data', () => {});
			req.resume();
		});
		const toInner = () => {
			answerVanishedFiles(res);
			return inner(req, res, next);
		};
		const early = /** @type {BeforeKit | undefined} */ (
			/** @type {Record<symbol, unknown>} */ (globalThis)[BEFORE_KIT]
		)?.(req, res);
		if (!early) return toInner();
		return early.then(
			(answered) => {
				if (!answered && !res.headersSent) return toInner();
			},
			() => {
				// Nothing is written before the answer is whole, so SvelteKit can still answer.
				if (!res.headersSent) return toInner();
			}
		);
	};
}
