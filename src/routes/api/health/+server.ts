import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';

/** For load balancers and start-up scripts: the server is up and its database answers. */
export const GET: RequestHandler = async ({ locals }) => {
	await sql`select 1`.execute(locals.app.db);
	return json({ status: 'ok' });
};
