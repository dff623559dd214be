import type { RequestHandler } from './$types';
import { mayExportRecords } from '$lib/domain/measurement/disclosure';
import { recordsCsvHeader, recordsCsvRows } from '$lib/domain/measurement/records-csv';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { getOrganisation } from '$lib/server/repositories/organisations';
import { recordsForCsv } from '$lib/server/repositories/records-export';
import { readDatabase } from '$lib/server/db/read-replica';

/** Every delivery record as CSV, streamed: for the organisation's lead (and admin) only. */
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayExportRecords(user.role)) forbidden();
	securityEvent('export.downloaded', { kind: 'records.csv', ...actorOf(user) });
	const db = readDatabase(locals.app, cookies);
	const organisation = (await getOrganisation(db, user.organisationId))?.name ?? '';
	const batches = recordsForCsv(db, user.organisationId);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode(recordsCsvHeader()));
		},
		async pull(controller) {
			const next = await batches.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(recordsCsvRows(organisation, next.value)));
		},
		async cancel() {
			await batches.return(undefined);
		}
	});
	const today = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="delivery-records-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
