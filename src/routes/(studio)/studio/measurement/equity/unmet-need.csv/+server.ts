import type { RequestHandler } from './$types';
import { unmetNeedCsv } from '$lib/domain/measurement/unmet-need';
import { requirePageRole } from '$lib/server/auth/guard';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { organisationToday } from '$lib/server/repositories/organisations';
import { publishedLanguages, unmetNeedCells } from '$lib/server/repositories/unmet-need';
import { EQUITY_WINDOW_MS } from '../window';
import { readDatabase } from '$lib/server/db/read-replica';

/** Languages patients needed (unmet need) as CSV, over the equity view's window. */
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const db = readDatabase(locals.app, cookies);
	const today = await organisationToday(db, user.organisationId);
	const fromDay = new Date(Date.parse(`${today}T00:00:00Z`) - EQUITY_WINDOW_MS)
		.toISOString()
		.slice(0, 10);
	const [cells, content] = await Promise.all([
		unmetNeedCells(db, user.organisationId, fromDay),
		publishedLanguages(db, user.organisationId)
	]);
	securityEvent('export.downloaded', { kind: 'unmet-need.csv', ...actorOf(user) });
	return new Response(unmetNeedCsv(cells, content), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="languages-needed-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
