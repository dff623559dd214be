import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { jwksForSlug } from '$lib/server/sso/settings';

/**
 * The public key the organisation's provider checks the toolkit's private_key_jwt with (the
 * "JWKS URL" an admin registers). Public by nature; 404 unless the organisation uses a key.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const jwks = await jwksForSlug(locals.app.db, locals.app.sso.key, params.organisation);
	if (!jwks) error(404, { message: 'notFound' });
	return json(jwks, { headers: { 'cache-control': 'public, max-age=300' } });
};
