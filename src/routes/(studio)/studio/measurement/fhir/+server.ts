import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { mayExportRecords } from '$lib/domain/measurement/disclosure';
import { toFhirBundle } from '$lib/domain/measurement/fhir';
import { requirePageRole } from '$lib/server/auth/guard';
import { deliveriesForExport } from '$lib/server/repositories/measurement';

/** Every delivery as an HL7 FHIR R4 Bundle of Communication resources (no patient reference). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayExportRecords(user.role)) error(403, { message: 'forbidden' });
	const now = new Date();
	const bundle = toFhirBundle(
		await deliveriesForExport(locals.app.db, user.organisationId),
		url.origin,
		now
	);
	return json(bundle, {
		headers: {
			'content-type': 'application/fhir+json; charset=utf-8',
			'content-disposition': `attachment; filename="deliveries-${now.toISOString().slice(0, 10)}.fhir.json"`,
			'cache-control': 'no-store'
		}
	});
};
