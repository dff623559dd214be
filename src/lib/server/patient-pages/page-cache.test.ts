import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { chooseCoding, matches, PatientPageCache } from './page-cache';

const html = (text: string, headers: Record<string, string> = {}, status = 200) =>
	new Response(`<!doctype html><p>${text}</p>`, {
		status,
		headers: {
			'content-type': 'text/html',
			'content-security-policy': "script-src 'self'",
			'content-language': 'cy',
			...headers
		}
	});

const get = (headers: Record<string, string> = {}, method = 'GET') =>
	new Request('http://x/o/a/b/c', {
		method,
		headers: { 'accept-encoding': 'gzip, br', ...headers }
	});

describe('PatientPageCache', () => {
	it('renders a page once and answers it from memory, brotli to those who take it', async () => {
		const cache = new PatientPageCache();
		const render = vi.fn(async () => html('Croeso'));
		const first = await cache.answer(get(), 'k', render);
		const second = await cache.answer(get(), 'k', render);
		expect(render).toHaveBeenCalledTimes(1);
		for (const answer of [first, second]) {
			expect(answer.status).toBe(200);
			expect(answer.headers.get('content-encoding')).toBe('br');
			expect(answer.headers.get('cache-control')).toBe('no-cache');
			expect(answer.headers.get('content-language')).toBe('cy');
			expect(answer.headers.get('content-security-policy')).toBe("script-src 'self'");
			expect(answer.headers.get('vary')).toBe('Accept-Encoding');
			const body = Buffer.from(await answer.arrayBuffer());
			expect(answer.headers.get('content-length')).toBe(String(body.length));
			expect(brotliDecompressSync(body).toString()).toBe('<!doctype html><p>Croeso</p>');
		}
		expect(first.headers.get('etag')).toMatch(/^"[\w-]{32}-br"$/);
		expect(cache.stats).toMatchObject({ hits: 1, misses: 1, pages: 1 });
	});

	it('gives gzip, or the plain page, to those who take only that', async () => {
		const cache = new PatientPageCache();
		const render = async () => html('Hello');
		const gz = await cache.answer(get({ 'accept-encoding': 'gzip' }), 'k', render);
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toContain('Hello');
		const plain = await cache.answer(get({ 'accept-encoding': 'identity' }), 'k', render);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe('<!doctype html><p>Hello</p>');
		expect(gz.headers.get('etag')).toBe(plain.headers.get('etag')?.replace(/"$/, '-gz"'));
	});

	it('answers 304 with no body to a phone revalidating with its tag, in any encoding', async () => {
		const cache = new PatientPageCache();
		const render = async () => html('Hello');
		const first = await cache.answer(get({ 'accept-encoding': 'gzip' }), 'k', render);
		const etag = first.headers.get('etag') ?? '';
		const again = await cache.answer(get({ 'if-none-match': etag }), 'k', render);
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(again.headers.get('etag')).toBe(etag.replace('-gz"', '-br"'));
		expect(again.headers.get('cache-control')).toBe('no-cache');
		// Kept, or the site's default policy would replace it on the phone's copy (no script hash).
		expect(again.headers.get('content-security-policy')).toBe("script-src 'self'");
		// A changed page (another key) has another tag: the old one no longer matches.
		const changed = await cache.answer(get({ 'if-none-match': etag }), 'k2', async () =>
			html('Hello, changed')
		);
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(again.headers.get('etag'));
	});

	it('renders every time, and keeps nothing, for a request with no key or not a GET', async () => {
		const cache = new PatientPageCache();
		const render = vi.fn(async () => html('Yours'));
		await cache.answer(get(), null, render);
		await cache.answer(get(), null, render);
		await cache.answer(get({}, 'POST'), 'k', render);
		expect(render).toHaveBeenCalledTimes(3);
		expect(cache.stats.pages).toBe(0);
		const answer = await cache.answer(get(), null, render);
		expect(answer.headers.get('etag')).toBeNull();
		expect(answer.headers.get('content-encoding')).toBe('gzip'); // as every other page
	});

	it('keeps no error, redirect, cookie-setting or private answer', async () => {
		const cache = new PatientPageCache();
		const answers = [
			html('Not found', {}, 404),
			new Response(null, { status: 303, headers: { location: '/o/a' } }),
			html('Cookie', { 'set-cookie': 'a=b' }),
			html('Private', { 'cache-control': 'private, no-store' }),
			new Response('{}', { headers: { 'content-type': 'application/json' } })
		];
		for (const [i, response] of answers.entries()) {
			const render = vi.fn(async () => response.clone());
			const answer = await cache.answer(get(), `k${i}`, render);
			expect(answer.status).toBe(response.status);
			await cache.answer(get(), `k${i}`, render);
			expect(render).toHaveBeenCalledTimes(2);
		}
		expect(cache.stats.pages).toBe(0);
	});

	it('renders a page once for a burst of requests that all miss', async () => {
		const cache = new PatientPageCache();
		let finish = () => {};
		const rendered = new Promise<void>((resolve) => (finish = resolve));
		const render = vi.fn(async () => {
			await rendered;
			return html('Busy ward');
		});
		const answers = Array.from({ length: 10 }, () => cache.answer(get(), 'k', render));
		finish();
		for (const answer of await Promise.all(answers)) expect(answer.status).toBe(200);
		expect(render).toHaveBeenCalledTimes(1);
	});

	it('stays within its bound in bytes, the least recently used page out first', async () => {
		const big = (n: number) => html(`${n}:` + 'x'.repeat(3000));
		const one = await (async () => {
			const probe = new PatientPageCache();
			await probe.answer(get(), 'k', async () => big(0));
			return probe.stats.bytes;
		})();
		const cache = new PatientPageCache(one * 3 + 10);
		const render = vi.fn(async () => big(1));
		await cache.answer(get(), 'a', render);
		await cache.answer(get(), 'b', async () => big(2));
		await cache.answer(get(), 'c', async () => big(3));
		await cache.answer(get(), 'a', render); // a is now the most recently used
		await cache.answer(get(), 'd', async () => big(4)); // b goes
		expect(cache.stats.pages).toBe(3);
		expect(cache.stats.bytes).toBeLessThanOrEqual(one * 3 + 10);
		await cache.answer(get(), 'a', render);
		expect(render).toHaveBeenCalledTimes(1);
		const b = vi.fn(async () => big(2));
		await cache.answer(get(), 'b', b);
		expect(b).toHaveBeenCalledTimes(1);
	});
});

describe('matches', () => {
	it('matches the tag in any encoding, weak or strong, or *', () => {
		expect(matches('"abc"', 'abc')).toBe(true);
		expect(matches('W/"abc-gz"', 'abc')).toBe(true);
		expect(matches('"zzz", "abc-br"', 'abc')).toBe(true);
		expect(matches('*', 'abc')).toBe(true);
		expect(matches('"abcd"', 'abc')).toBe(false);
		expect(matches('"abc-xx"', 'abc')).toBe(false);
		expect(matches(null, 'abc')).toBe(false);
	});
});

describe('chooseCoding', () => {
	it('prefers brotli, then gzip, honouring q=0', () => {
		expect(chooseCoding('gzip, deflate, br')).toBe('br');
		expect(chooseCoding('gzip, br;q=0')).toBe('gzip');
		expect(chooseCoding('*')).toBe('br');
		expect(chooseCoding('*, br;q=0')).toBe('gzip');
		expect(chooseCoding('identity')).toBe('identity');
		expect(chooseCoding(null)).toBe('identity');
	});
});
