import type { RecordForCsv } from '$lib/domain/measurement/records-csv';
import type { Db } from '../db/database';
import { toAnswer } from './answers';

const PAGE = 1000;

/**
 * Every delivery record not undone, oldest first, in pages of a thousand read one after the
 * other by key (recorded_at, id): a large organisation's history is never held in memory at
 * once, and the database is not held for the length of a slow download either (Kysely's SQLite
 * driver has one connection, which a streamed query would keep).
 */
export async function* recordsForCsv(
	db: Db,
	organisationId: string
): AsyncGenerator<RecordForCsv[]> {
	let after: { recordedAt: string; id: string } | null = null;
	for (;;) {
		let query = db
			.selectFrom('delivery_record as d')
			.innerJoin('ward as w', 'w.id', 'd.ward_id')
			.innerJoin('patient_group as g', 'g.id', 'd.patient_group_id')
			.innerJoin('briefing as b', 'b.id', 'd.briefing_id')
			.innerJoin('briefing_version as v', 'v.id', 'd.version_id')
			.select([
				'd.id',
				'w.name as ward_name',
				'g.name as group_name',
				'b.slug',
				'v.number',
				'd.format',
				'd.language',
				'd.outcome',
				'd.talked_through',
				'd.interpreter_used',
				'd.carer_present',
				'd.teach_back',
				'd.language_needed',
				'd.recorded_at',
				'd.received_at',
				'd.recorded_by'
			])
			.where('d.organisation_id', '=', organisationId)
			.where('d.voided_at', 'is', null);
		if (after) {
			const { recordedAt, id } = after;
			// A range on the (organisation, recorded_at) index, then past the last id sent.
			query = query
				.where('d.recorded_at', '>=', recordedAt)
				.where((eb) =>
					eb.not(eb.and([eb('d.recorded_at', '=', recordedAt), eb('d.id', '<=', id)]))
				);
		}
		const rows = await query.orderBy('d.recorded_at').orderBy('d.id').limit(PAGE).execute();
		if (rows.length === 0) return;
		yield rows.map((r) => ({
			id: r.id,
			wardName: r.ward_name,
			patientGroupName: r.group_name,
			briefingSlug: r.slug,
			versionNumber: r.number,
			format: r.format,
			language: r.language,
			outcome: r.outcome,
			talkedThrough: toAnswer(r.talked_through),
			interpreterUsed: toAnswer(r.interpreter_used),
			carerPresent: toAnswer(r.carer_present),
			teachBack: r.teach_back,
			languageNeeded: r.language_needed,
			recordedAt: r.recorded_at,
			receivedAt: r.received_at,
			recordedBy: r.recorded_by
		}));
		const last = rows[rows.length - 1] as (typeof rows)[number];
		after = { recordedAt: last.recorded_at, id: last.id };
		if (rows.length < PAGE) return;
	}
}
