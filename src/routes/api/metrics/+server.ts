import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { metricsAccess, scrape } from '$lib/server/operations/metrics';

/**
 * Prometheus metrics, for the trust's monitoring: a 404 unless METRICS_TOKEN is set, then only
 * for a scraper sending it as `Authorization: Bearer <token>` (docs/operations.md, "Metrics").
 */
export const GET: RequestHandler = async ({ locals, request }) => {
	const access = metricsAccess(
		locals.app.config.metricsToken,
		request.headers.get('authorization')
	);
	if (access === 'off') error(404, { message: 'notFound' });
	if (access === 'refused')
		return new Response('Unauthorized', {
			status: 401,
			headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' }
		});
	const { body, contentType } = await scrape(locals.app);
	return new Response(body, {
		headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' }
	});
};
