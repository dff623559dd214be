/*
 * Gzip for what the server renders (pages, JSON, CSV): a patient's first visit on a weak mobile
 * signal should cost as few bytes as possible even with no proxy in front of `npm start`.
 * Built files are precompressed by the adapter already; media is never worth compressing.
 */
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
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
