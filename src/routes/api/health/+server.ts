import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';

/**
 * Liveness, for load balancers and start-up scripts: the process is up and its database
 * answers; with the release it runs. Whether it should take requests: /api/ready.
 */
export const GET: RequestHandler = async ({ locals }) => {
	await sql`select 1`.execute(locals.app.db);
	const { version, commit } = locals.app.release;
	return json({ status: 'ok', version, commit });
};
