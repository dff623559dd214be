import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { mayExportRecords } from '$lib/domain/measurement/disclosure';
import { FhirExportRange, fhirBundleChunks } from '$lib/domain/measurement/fhir';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { textStream } from '$lib/server/http/text-stream';
import { deliveryPagesForExport, fhirExportContext } from '$lib/server/repositories/fhir-export';
import { readDatabase } from '$lib/server/db/read-replica';

/**
 * Delivery records as one HL7 FHIR R4 collection Bundle, streamed page by page (see
 * $lib/domain/measurement/fhir); `?from=YYYY-MM-DD&to=YYYY-MM-DD` limits it to those days.
 */
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayExportRecords(user.role)) forbidden();
	const range = FhirExportRange.safeParse(Object.fromEntries(url.searchParams));
	if (!range.success)
		error(400, {
			message: 'invalidQuery',
			issues: range.error.issues.map((i) => ({
				field: i.path.map(String).join('.') || 'query',
				message: i.message
			}))
		});
	securityEvent('export.downloaded', {
		kind: 'fhir',
		from: range.data.from,
		to: range.data.to,
		...actorOf(user)
	});
	const { config } = locals.app;
	const db = readDatabase(locals.app, cookies);
	const ctx = await fhirExportContext(
		db,
		user.organisationId,
		url.origin,
		config.fhirCanonicalBase ?? `${url.origin}/fhir`
	);
	const now = new Date();
	const pages = deliveryPagesForExport(db, user.organisationId, range.data);
	const name = [range.data.from, range.data.to].filter(Boolean).join('-to-') || 'all';
	return new Response(textStream(fhirBundleChunks(pages, ctx, now)), {
		headers: {
			'content-type': 'application/fhir+json; charset=utf-8',
			'content-disposition': `attachment; filename="deliveries-${name}-${now.toISOString().slice(0, 10)}.fhir.json"`,
			'cache-control': 'no-store'
		}
	});
};
