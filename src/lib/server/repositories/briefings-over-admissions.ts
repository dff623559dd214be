import { weekStartOf } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import { givenSql, recordedDay } from './measurement';

/** A ward's week with more briefings given than admissions entered: coverage over 100%. */
export interface OverAdmitted {
	wardId: string;
	wardName: string;
	weekStart: string;
	admissions: number;
	given: number;
}

/**
 * The ward-weeks from `from` on (of the wards given, or every ward) whose briefings given
 * outnumber the admissions entered, newest first: the admissions were entered wrong or late.
 * Counts are raw: only for a reader who sees raw counts (the lead's pages).
 */
export async function overAdmitted(
	db: Db,
	organisationId: string,
	{ from, wardIds }: { from: string; wardIds?: readonly string[] }
): Promise<OverAdmitted[]> {
	let admissions = db
		.selectFrom('admission_count as a')
		.innerJoin('ward as w', 'w.id', 'a.ward_id')
		.select(['a.ward_id', 'w.name', 'a.week_start', 'a.admissions'])
		.where('a.organisation_id', '=', organisationId)
		.where('a.week_start', '>=', from);
	if (wardIds?.length) admissions = admissions.where('a.ward_id', 'in', wardIds);
	const entered = await admissions.execute();
	if (entered.length === 0) return [];
	const first = entered.map((a) => a.week_start).reduce((a, b) => (a < b ? a : b));
	const rows = await db
		.selectFrom('delivery_record')
		.select([recordedDay.as('day'), 'ward_id as wardId', givenSql.as('given')])
		.where('organisation_id', '=', organisationId)
		.where('ward_id', 'in', [...new Set(entered.map((a) => a.ward_id))])
		.where(recordedDay, '>=', first)
		.where('voided_at', 'is', null)
		.groupBy(['ward_id', recordedDay])
		.execute();
	const given = new Map<string, number>();
	for (const r of rows) {
		const key = `${r.wardId}/${weekStartOf(r.day)}`;
		given.set(key, (given.get(key) ?? 0) + Number(r.given));
	}
	return entered
		.map((a) => ({
			wardId: a.ward_id,
			wardName: a.name,
			weekStart: a.week_start,
			admissions: a.admissions,
			given: given.get(`${a.ward_id}/${a.week_start}`) ?? 0
		}))
		.filter((w) => w.given > w.admissions)
		.sort((a, b) => b.weekStart.localeCompare(a.weekStart) || a.wardName.localeCompare(b.wardName));
}
