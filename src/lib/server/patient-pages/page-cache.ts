import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { compressResponse } from '$lib/server/http/compress';

/*
 * Patient pages rendered once (issue #16). A published briefing's page is the same HTML for
 * everyone who asks for it with the same address, language and organisation state, so it is
 * rendered, gzipped and brotli-compressed once, kept in memory, and answered from there with a
 * strong ETag and `Cache-Control: no-cache`: a phone keeps its copy and asks again each time,
 * answered 304 with no body while nothing has changed.
 *
 * Nothing is ever invalidated by a message: the key itself is made from what the page shows,
 * read from the database on every request by one small indexed query (page-key.ts): the
 * published version's id and dates, the organisation's name, contact, languages, time zone and
 * suspension, and today's date where it lives. A publish, retire, withdraw or organisation change
 * on any app server changes the key at once on every server; the old entry is never asked for
 * again and ages out. A request whose page carries anything of its own (a patient's token, a
 * feedback answer, a POST) has no key and is rendered as before.
 *
 * Bounded by bytes (the three encodings of each page counted), least recently used out first.
 */

export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;

const gzipped = promisify(gzip);
const brotlied = promisify(brotliCompress);

/** What a kept page answers with: its headers as first rendered, and its body three ways. */
export interface KeptPage {
	status: number;
	headers: [string, string][];
	identity: Uint8Array<ArrayBuffer>;
	gzip: Uint8Array<ArrayBuffer>;
	br: Uint8Array<ArrayBuffer>;
	/** The representation's opaque tag, without quotes; each encoding adds its own suffix. */
	tag: string;
}

type Coding = 'br' | 'gzip' | 'identity';
const suffix: Record<Coding, string> = { br: '-br', gzip: '-gz', identity: '' };
const contentEncoding: Record<Coding, string | null> = { br: 'br', gzip: 'gzip', identity: null };

// Never copied from the render into a kept page: they are set per answer, or belong to the render.
const PER_ANSWER = new Set([
	'content-encoding',
	'content-length',
	'etag',
	'cache-control',
	'vary',
	'x-request-id',
	'date'
]);

export class PatientPageCache {
	readonly #pages: LRUCache<string, KeptPage>;
	/** Renders in progress by key, so a burst of requests for a new page renders it once. */
	readonly #rendering = new Map<string, Promise<KeptPage | Response>>();
	#hits = 0;
	#misses = 0;

	constructor(maxBytes = PAGE_CACHE_BYTES) {
		this.#pages = new LRUCache<string, KeptPage>({
			maxSize: maxBytes,
			sizeCalculation: (page) =>
				Math.max(1, page.identity.length + page.gzip.length + page.br.length)
		});
	}

	get stats() {
		return {
			hits: this.#hits,
			misses: this.#misses,
			pages: this.#pages.size,
			bytes: this.#pages.calculatedSize
		};
	}

	/** The page kept under `key`, counted as a hit; undefined (not counted) when none is. */
	kept(key: string): KeptPage | undefined {
		const page = this.#pages.get(key);
		if (page) this.#hits++;
		return page;
	}

	/**
	 * The answer to `request`: from memory when `key` names a kept page, else `render()`'s,
	 * kept when it may be (a 200 HTML page setting no cookie, not marked private). `key` null:
	 * a page that carries something of its own; rendered, never kept.
	 */
	async answer(
		request: Request,
		key: string | null,
		render: () => Promise<Response>
	): Promise<Response> {
		if (key === null || request.method !== 'GET') return compressResponse(request, await render());
		const kept = this.#pages.get(key);
		if (kept) {
			this.#hits++;
			return answerFrom(request, kept);
		}
		this.#misses++;
		let pending = this.#rendering.get(key);
		if (!pending) {
			pending = this.#renderAndKeep(key, render).finally(() => this.#rendering.delete(key));
			this.#rendering.set(key, pending);
			const result = await pending;
			return result instanceof Response
				? compressResponse(request, result)
				: answerFrom(request, result);
		}
		// Another request is rendering this page: its result, or (not keepable) a render of our own.
		const result = await pending;
		return result instanceof Response
			? compressResponse(request, await render())
			: answerFrom(request, result);
	}

	async #renderAndKeep(key: string, render: () => Promise<Response>): Promise<KeptPage | Response> {
		const response = await render();
		if (!keepable(response)) return response;
		const page = await keptPage(response);
		this.#pages.set(key, page);
		return page;
	}
}

function keepable(response: Response): boolean {
	const cacheControl = response.headers.get('cache-control') ?? '';
	return (
		response.status === 200 &&
		!!response.body &&
		(response.headers.get('content-type') ?? '').startsWith('text/html') &&
		!response.headers.has('set-cookie') &&
		!response.headers.has('content-encoding') &&
		!/no-store|private/i.test(cacheControl)
	);
}

async function keptPage(response: Response): Promise<KeptPage> {
	const identity = Buffer.from(await response.arrayBuffer());
	const [gz, br] = await Promise.all([
		gzipped(identity, { level: 9 }),
		brotlied(identity, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: 11,
				[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
				[constants.BROTLI_PARAM_SIZE_HINT]: identity.length
			}
		})
	]);
	const headers: [string, string][] = [];
	response.headers.forEach((value, name) => {
		if (!PER_ANSWER.has(name)) headers.push([name, value]);
	});
	const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 32);
	// Copied once into plain arrays, so each answer sends them as they are, copying nothing.
	return {
		status: response.status,
		headers,
		identity: new Uint8Array(identity),
		gzip: new Uint8Array(gz),
		br: new Uint8Array(br),
		tag
	};
}

/** The kept page as `request` asks for it: 304 when its tag still matches, else the best encoding. */
export function answerFrom(request: Request, page: KeptPage): Response {
	const answer = keptAnswer(
		page,
		request.headers.get('accept-encoding'),
		request.headers.get('if-none-match')
	);
	return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** What answers a kept page, as plain parts: a `Response` in SvelteKit, written as is before it. */
export interface KeptAnswer {
	status: number;
	/** Lower-case names, each once. */
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer> | null;
}

// Left out of a 304: it has no body for it to describe. The page's own Content-Security-Policy
// stays: a browser replaces its kept copy's headers with a 304's (RFC 9111 §4.3.4), and a 304
// without one gets the site's default (hooks.server.ts), which has no hash for the page's inline
// script: after a reload the page ran without it (no `js` mark, so no text-size or read-aloud).
const NOT_IN_304 = new Set(['content-type']);

/** The kept page for these request headers: 304 when its tag still matches, else the best encoding. */
export function keptAnswer(
	page: KeptPage,
	acceptEncoding: string | null | undefined,
	ifNoneMatch: string | null | undefined
): KeptAnswer {
	const coding = chooseCoding(acceptEncoding ?? null);
	const notModified = matches(ifNoneMatch ?? null, page.tag);
	const headers = notModified
		? page.headers.filter(([name]) => !NOT_IN_304.has(name))
		: [...page.headers];
	headers.push(
		['etag', `"${page.tag}${suffix[coding]}"`],
		['cache-control', 'no-cache'],
		/*
		 * Accept-Encoding only, as every compressed answer here. Not Accept-Language, although the
		 * language can come from it when the address names none: the service worker's Cache API
		 * honours Vary, and a page kept by `cache.add(url)` (no Accept-Language) would then never
		 * match the phone's own navigation offline. A shared cache loses nothing by it: `no-cache`
		 * makes it revalidate, and another language's key has another tag, so it is sent the page.
		 */
		['vary', 'Accept-Encoding']
	);
	if (notModified) return { status: 304, headers, body: null };
	const body = page[coding === 'identity' ? 'identity' : coding];
	const encoding = contentEncoding[coding];
	if (encoding) headers.push(['content-encoding', encoding]);
	headers.push(['content-length', String(body.length)]);
	return { status: page.status, headers, body };
}

/**
 * Whether If-None-Match names this page in any of its encodings (a weak comparison, as RFC 9110
 * asks for If-None-Match; a phone that got the gzip copy and now asks with brotli still matches).
 */
export function matches(ifNoneMatch: string | null, tag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((part) => {
		const candidate = part.trim().replace(/^W\//, '');
		if (candidate === '*') return true;
		const opaque = candidate.replace(/^"(.*)"$/, '$1');
		return opaque === tag || opaque === `${tag}-br` || opaque === `${tag}-gz`;
	});
}

/** Brotli when the client takes it, else gzip, else none; `q=0` refuses a coding. */
export function chooseCoding(acceptEncoding: string | null): Coding {
	const weights = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (!coding) continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		weights.set(coding, q ? Number(q.slice(2)) || 0 : 1);
	}
	const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
	if (weight('br') > 0) return 'br';
	if (weight('gzip') > 0) return 'gzip';
	return 'identity';
}
