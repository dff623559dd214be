import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressResponse } from './compress';

const get = (acceptEncoding?: string, method = 'GET') =>
	new Request('http://localhost/b/x', {
		method,
		headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
	});
const page = (body = '<p>Hello</p>'.repeat(50), type = 'text/html; charset=utf-8') =>
	new Response(body, { headers: { 'content-type': type, 'content-length': String(body.length) } });

describe('acceptsGzip', () => {
	it('honours the request’s codings and q=0', () => {
		expect(acceptsGzip('gzip, deflate, br')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('br')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});
});

describe('compressResponse', () => {
	it('gzips a page for a client that takes gzip, and the bytes come back the same', async () => {
		const body = '<p>Hello</p>'.repeat(50);
		const response = compressResponse(get('gzip'), page(body));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(body.length);
		expect(gunzipSync(bytes).toString()).toBe(body);
	});

	it('leaves alone what should not be compressed', () => {
		const untouched = [
			compressResponse(get(), page()),
			compressResponse(get('gzip', 'HEAD'), page()),
			compressResponse(get('gzip'), page('x', 'video/mp4')),
			compressResponse(get('gzip'), new Response(null, { status: 204 }))
		];
		for (const response of untouched) expect(response.headers.get('content-encoding')).toBeNull();
	});
});

describe('compressResponse on a long stream', () => {
	it('pulls from the source only as fast as the client reads (bounded memory)', async () => {
		let pulls = 0;
		const source = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulls++;
				if (pulls > 200) controller.close();
				else controller.enqueue(randomBytes(256 * 1024));
			}
		});
		const response = compressResponse(
			get('gzip'),
			new Response(source, { headers: { 'content-type': 'application/fhir+json' } })
		);
		const reader = response.body!.getReader();
		const first = await reader.read();
		expect(first.done).toBe(false);
		// A compressor that ignores back-pressure reads all 200 chunks (50 MB) into memory first.
		expect(pulls).toBeLessThan(10);
		await reader.cancel();
	});
});
