import type {
	DeliveryForExport,
	FhirExportContext,
	FhirExportRange
} from '$lib/domain/measurement/fhir';
import type { Db } from '../db/database';

/*
 * What the FHIR export reads: the organisation with its wards and patient groups once, then the
 * delivery records (undone ones included) page by page in (recorded_at, id) order. Each page is
 * its own short query ("keyset" paging: after the last row of the page before), so a long
 * download never holds the database or more than one page of rows; the
 * delivery_record_org_recorded index (001) serves the order.
 *
 * The page is small on purpose: a page lives until its last chunk has been taken by the
 * client, across one wait for the network per chunk (fhirBundleChunks writes 50 entries a
 * chunk). Pages of 1,000 rows lived through 20 such waits, long enough for V8 to move every
 * row into the old generation, where garbage is only freed by a full collection: the server
 * peaked at 218-232 MB on a 1,000,000-record export. At 200 rows (four chunks) the rows die
 * young and the peak is about 140 MB, with the export no slower (the per-row cost of reading
 * dominates the cost of a query). `npm run bench fhir-export` measures both.
 */

export const FHIR_PAGE_SIZE = 200;

const DAY_MS = 86_400_000;

/** The organisation, its wards and its patient groups (archived ones too: old records name them). */
export async function fhirExportContext(
	db: Db,
	organisationId: string,
	origin: string,
	canonicalBase: string
): Promise<FhirExportContext> {
	const organisation = await db
		.selectFrom('organisation')
		.select(['id', 'name', 'ods_code', 'slug'])
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
	const wards = await db
		.selectFrom('ward')
		.select(['id', 'name'])
		.where('organisation_id', '=', organisationId)
		.orderBy('name')
		.execute();
	const patientGroups = await db
		.selectFrom('patient_group')
		.select(['id', 'name'])
		.where('organisation_id', '=', organisationId)
		.orderBy('position')
		.execute();
	return {
		origin,
		canonicalBase,
		organisation: {
			id: organisation.id,
			name: organisation.name,
			odsCode: organisation.ods_code,
			slug: organisation.slug
		},
		wards,
		patientGroups
	};
}

/**
 * The range's days are the organisation's local days (`recorded_day`, fixed on receipt). A
 * local day lies within a day either side of the same UTC date, so a slightly wider range on
 * `recorded_at` keeps the paging on its index, and `recorded_day` then takes exactly the days.
 */
function bounds(range: FhirExportRange) {
	const shift = (day: string, days: number) =>
		new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
	return {
		from: range.from ? shift(range.from, -1) : undefined,
		before: range.to ? shift(range.to, 2) : undefined
	};
}

/** The records in range, oldest first, `pageSize` at a time; each page a query of its own. */
export async function* deliveryPagesForExport(
	db: Db,
	organisationId: string,
	range: FhirExportRange,
	pageSize = FHIR_PAGE_SIZE
): AsyncGenerator<DeliveryForExport[]> {
	const { from, before } = bounds(range);
	let after: { recordedAt: string; id: string } | null = null;
	for (;;) {
		let query = db
			.selectFrom('delivery_record as d')
			.innerJoin('briefing as b', 'b.id', 'd.briefing_id')
			.innerJoin('briefing_version as v', 'v.id', 'd.version_id')
			.select([
				'd.id',
				'd.recorded_at',
				'd.voided_at',
				'd.outcome',
				'd.format',
				'd.language',
				'd.patient_group_id',
				'd.ward_id',
				'b.slug',
				'b.topic',
				'd.version_id',
				'v.number'
			])
			.where('d.organisation_id', '=', organisationId);
		if (from) query = query.where('d.recorded_at', '>=', from);
		if (before) query = query.where('d.recorded_at', '<', before);
		if (range.from) query = query.where('d.recorded_day', '>=', range.from);
		if (range.to) query = query.where('d.recorded_day', '<=', range.to);
		if (after) {
			const { recordedAt, id } = after;
			query = query
				.where('d.recorded_at', '>=', recordedAt)
				.where((eb) => eb.or([eb('d.recorded_at', '>', recordedAt), eb('d.id', '>', id)]));
		}
		const rows = await query.orderBy('d.recorded_at').orderBy('d.id').limit(pageSize).execute();
		if (rows.length === 0) return;
		yield rows.map((r) => ({
			id: r.id,
			recordedAt: r.recorded_at,
			voidedAt: r.voided_at,
			outcome: r.outcome,
			format: r.format,
			language: r.language,
			patientGroupId: r.patient_group_id,
			briefingSlug: r.slug,
			briefingTopic: r.topic,
			versionId: r.version_id,
			versionNumber: r.number,
			wardId: r.ward_id
		}));
		const last = rows.at(-1);
		if (!last || rows.length < pageSize) return;
		after = { recordedAt: last.recorded_at, id: last.id };
	}
}
