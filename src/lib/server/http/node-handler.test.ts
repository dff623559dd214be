import { createReadStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BEFORE_KIT, keepFor, prerenderedPolicies, wrapHandler } from './node-handler.js';
import { DEFAULT_CSP } from './security-headers.js';

const page = (csp: string) =>
	`<html><head><meta http-equiv="content-security-policy" content="${csp}"></head></html>`;

describe('prerenderedPolicies', () => {
	it('reads each prerendered page’s policy by its path, adding frame-ancestors', () => {
		const dir = mkdtempSync(join(tmpdir(), 'prerendered-'));
		writeFileSync(join(dir, 'offline.html'), page("script-src 'self' 'sha256-abc'"));
		mkdirSync(join(dir, 'help'));
		writeFileSync(join(dir, 'help', 'index.html'), page('default-src &#39;self&#39;'));
		const policies = prerenderedPolicies(dir);
		expect(policies.get('/offline')).toBe("script-src 'self' 'sha256-abc'; frame-ancestors 'none'");
		expect(policies.get('/help')).toBe("default-src 'self'; frame-ancestors 'none'");
	});

	it('is empty when nothing was prerendered', () => {
		expect(prerenderedPolicies(join(tmpdir(), 'no-such-folder')).size).toBe(0);
	});
});

describe('keepFor', () => {
	it('keeps symbols for good, bundled media and icons for a day, and says nothing of the rest', () => {
		expect(keepFor('/symbols/bed.svg')).toBe('public, max-age=31536000, immutable');
		expect(keepFor('/media/demo/your-safety-on-our-ward.en.vtt')).toBe(
			'public, max-age=86400, stale-while-revalidate=604800'
		);
		expect(keepFor('/nhsuk-images/nhsuk-icon-cross.svg')).toMatch(/max-age=86400/);
		expect(keepFor('/icons/icon-192.png')).toMatch(/max-age=86400/);
		for (const path of ['/symbols/index.json', '/symbols/', '/media/', '/', '/ward', '/uploads/x'])
			expect(keepFor(path)).toBeUndefined();
		expect(keepFor('/b/north/your-safety')).toBeUndefined();
	});
});

describe('wrapHandler', () => {
	let server: http.Server | undefined;
	afterEach(() => server?.close());

	async function serve(inner: Parameters<typeof wrapHandler>[0]) {
		const policies = new Map([['/offline', "script-src 'sha256-x'; frame-ancestors 'none'"]]);
		server = http.createServer((req, res) => wrapHandler(inner, policies)(req, res, () => {}));
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	it('puts the security headers on what the inner handler sends, keeping its own', async () => {
		const origin = await serve((req, res) => {
			if (req.url === '/own') res.setHeader('Content-Security-Policy', "default-src 'none'");
			res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		});
		const file = await fetch(`${origin}/manifest.webmanifest`);
		expect(file.headers.get('content-security-policy')).toBe(DEFAULT_CSP);
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
		expect(file.headers.get('x-frame-options')).toBe('DENY');
		expect(file.headers.get('referrer-policy')).toBe('same-origin');
		const offline = await fetch(`${origin}/offline/?x=1`);
		expect(offline.headers.get('content-security-policy')).toContain("'sha256-x'");
		const own = await fetch(`${origin}/own`);
		expect(own.headers.get('content-security-policy')).toBe("default-src 'none'");
	});

	it('lets a browser keep a bundled file it was sent (200, 206, 304), never a 404 in its place', async () => {
		const origin = await serve((req, res) => {
			const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status'));
			res.writeHead(status, { 'content-type': 'image/svg+xml' }).end();
		});
		const cacheControl = async (path: string) =>
			(await fetch(`${origin}${path}`)).headers.get('cache-control');
		for (const status of [200, 206, 304])
			expect(await cacheControl(`/symbols/bed.svg?status=${status}`)).toBe(
				'public, max-age=31536000, immutable'
			);
		expect(await cacheControl('/symbols/no-such.svg?status=404')).toBeNull();
		expect(await cacheControl('/media/demo/poster.jpg?status=500')).toBeNull();
		expect(await cacheControl('/ward?status=200')).toBeNull();
	});

	it('drains a body left unread by an early answer, so the next request on the connection works', async () => {
		const origin = await serve((req, res) => {
			// As SvelteKit does when the hook refuses before the body is read: a listener, paused.
			req.on('data', () => req.pause());
			res.writeHead(401).end('Sign in required');
		});
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const send = (method: string, body?: Buffer) =>
			new Promise<number>((resolve, reject) => {
				const req = http.request(`${origin}/`, { method, agent }, (res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode ?? 0));
				});
				req.on('error', reject);
				req.end(body);
			});
		try {
			expect(await send('POST', Buffer.alloc(2 * 1024 * 1024, 97))).toBe(401);
			expect(await send('GET')).toBe(401);
		} finally {
			agent.destroy();
		}
	});

	describe('with a bundled file gone since the start (a rebuild under the running server)', () => {
		const built = mkdtempSync(join(tmpdir(), 'build-'));
		writeFileSync(join(built, 'kept.js'), 'console.log(1)');
		/** The server's log lines (docs/operations.md, "Logs"). */
		let logged: () => Array<Record<string, unknown>>;
		beforeEach(() => {
			const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
			logged = () => write.mock.calls.map(([line]) => JSON.parse(String(line)));
		});
		afterEach(() => {
			vi.restoreAllMocks();
		});

		/** As adapter-node's static handler (sirv) sends a file on the list it made at start. */
		function sendAsSirv(res: http.ServerResponse, file: string, headers: http.OutgoingHttpHeaders) {
			res.setHeader('Cache-Control', 'public,max-age=31536000,immutable');
			res.writeHead(200, headers);
			createReadStream(join(built, file)).pipe(res);
		}

		it('answers 404 for it, not kept by the browser, and goes on answering', async () => {
			const js = { 'Content-Length': 14, 'Content-Type': 'text/javascript' };
			const origin = await serve((req, res) =>
				req.url === '/_app/immutable/gone.js'
					? sendAsSirv(res, 'gone.js.br', { ...js, 'Content-Encoding': 'br' })
					: sendAsSirv(res, 'kept.js', js)
			);
			const gone = await fetch(`${origin}/_app/immutable/gone.js`);
			expect(gone.status).toBe(404);
			expect(gone.headers.get('cache-control')).toBe('no-store');
			expect(gone.headers.get('content-encoding')).toBeNull();
			expect(gone.headers.get('x-frame-options')).toBe('DENY');
			expect(await gone.text()).toBe('Not found');
			const kept = await fetch(`${origin}/_app/immutable/kept.js`);
			expect(kept.status).toBe(200);
			expect(kept.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
			expect(await kept.text()).toBe('console.log(1)');
			expect(logged()).toEqual([
				expect.objectContaining({
					level: 'error',
					file: join(built, 'gone.js.br'),
					err: expect.objectContaining({ code: 'ENOENT' })
				})
			]);
		});

		it('ends only that answer when the file fails after its first bytes', async () => {
			const origin = await serve((req, res) => {
				if (req.url !== '/broken.js') return res.writeHead(200).end('still here');
				res.writeHead(200, { 'Content-Length': 100 });
				const body = new Readable({ read() {} });
				body.pipe(res);
				body.push('the first bytes');
				setImmediate(() => body.destroy(new Error('EIO: i/o error, read')));
			});
			await expect(fetch(`${origin}/broken.js`).then((r) => r.text())).rejects.toThrow();
			expect(await (await fetch(`${origin}/other`)).text()).toBe('still here');
		});

		it('writes any other head as it was written, by the end of its tick', async () => {
			const sent: Record<string, boolean> = {};
			const origin = await serve(async (req, res) => {
				// Node writes a 200 head itself, on the first write: never held.
				if (req.url === '/bare') return res.end('no head written');
				res.writeHead(200, { 'content-type': 'text/plain' });
				sent.atOnce = res.headersSent;
				await Promise.resolve();
				sent.byTheEndOfTheTick = res.headersSent;
				res.end('streamed later');
			});
			const answer = await fetch(`${origin}/export.csv`);
			expect(await answer.text()).toBe('streamed later');
			expect(answer.headers.get('content-type')).toBe('text/plain');
			expect(sent).toEqual({ atOnce: false, byTheEndOfTheTick: true });
			const bare = await fetch(`${origin}/bare`);
			expect([bare.status, await bare.text()]).toEqual([200, 'no head written']);
		});
	});

	describe('with an answerer before SvelteKit', () => {
		const slot = globalThis as Record<symbol, unknown>;
		afterEach(() => {
			delete slot[BEFORE_KIT];
		});

		it('lets it answer what it can, and passes on what it passes on, or fails on', async () => {
			slot[BEFORE_KIT] = (req: http.IncomingMessage, res: http.ServerResponse) => {
				if (req.url === '/kept') return Promise.resolve(!!res.writeHead(200).end('kept'));
				if (req.url === '/later') return Promise.resolve(false);
				if (req.url === '/broken') return Promise.reject(new Error('no database'));
				return false;
			};
			const origin = await serve((req, res) => res.writeHead(200).end('SvelteKit'));
			const text = async (path: string) => (await fetch(`${origin}${path}`)).text();
			expect(await text('/kept')).toBe('kept');
			expect(await text('/later')).toBe('SvelteKit');
			expect(await text('/broken')).toBe('SvelteKit');
			expect(await text('/other')).toBe('SvelteKit');
			const kept = await fetch(`${origin}/kept`);
			expect(kept.headers.get('x-frame-options')).toBe('DENY');
		});
	});
});
