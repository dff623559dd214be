import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkReadiness } from '$lib/server/operations/readiness';

/**
 * Readiness, for a load balancer: 200 when this server should be sent requests, else 503 with
 * what is wrong (operations/readiness.ts): the database, the migrations, the uploads folder, or
 * a shutdown under way. Never cached.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { db, config, shuttingDown, release } = locals.app;
	const readiness = await checkReadiness({ db, uploadsDir: config.uploadsDir, shuttingDown });
	return json(
		{ ...readiness, version: release.version, commit: release.commit },
		{ status: readiness.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
