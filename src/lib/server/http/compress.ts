/*
 * Gzip for what the server renders (pages, JSON, CSV): a patient's first visit on a weak mobile
 * signal should cost as few bytes as possible even with no proxy in front of `npm start`.
 * Built files are precompressed by the adapter already; media is never worth compressing.
 */
import { createGzip } from 'node:zlib';
const COMPRESSIBLE = /^(text\/|application\/(json|fhir\+json|javascript|xml)|image\/svg\+xml)/;

export function acceptsGzip(acceptEncoding: string | null): boolean {
	return (acceptEncoding ?? '').split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return (coding === 'gzip' || coding === '*') && (!q || Number(q.slice(2)) > 0);
	});
}

export function compressResponse(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 206 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		!acceptsGzip(request.headers.get('accept-encoding'))
	)
		return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(gzipStream()), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/**
 * Gzip as a web TransformStream that keeps back-pressure: the next chunk is taken only when
 * zlib has finished the last and the client has read what came out. (Node 20's
 * CompressionStream took a whole 1.5 GB FHIR export into memory before sending a byte.)
 */
function gzipStream(): TransformStream<Uint8Array, Uint8Array> {
	const gzip = createGzip();
	return new TransformStream({
		start(controller) {
			// Once the client has gone (the stream cancelled), zlib's remaining output has nowhere
			// to go: stop zlib rather than throw from its event.
			const stop = () => gzip.destroy();
			gzip.on('data', (chunk: Buffer) => {
				try {
					controller.enqueue(new Uint8Array(chunk));
				} catch {
					stop();
				}
			});
			gzip.on('error', (error) => {
				try {
					controller.error(error);
				} catch {
					stop();
				}
			});
		},
		transform(chunk) {
			return new Promise<void>((resolve, reject) =>
				gzip.write(chunk, (error) => (error ? reject(error) : resolve()))
			);
		},
		flush() {
			// Done when the last compressed byte has come out, not when the input is taken.
			return new Promise<void>((resolve) => {
				gzip.once('end', resolve);
				gzip.end();
			});
		}
	});
}
