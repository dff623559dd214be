import type { StaffAccount } from '$lib/domain/staff';
import type { AdmissionEntry } from '$lib/domain/measurement/admissions';
import { inTransaction, type Db } from '../db/database';
import { weekStartOf } from '$lib/domain/measurement/period';
import { recordAudit } from './audit';
import { organisationToday } from './organisations';

export interface AdmissionRow extends AdmissionEntry {
	wardName: string;
	updatedAt: string;
}

/**
 * Stores admissions (insert or replace per ward and week) in one transaction with one audit
 * row, so an import is all there or not at all. Every ward must be the account's organisation's,
 * and ward staff may enter only their own ward: checked here as well as in the route. No week
 * may start after the organisation's current week ('futureWeek').
 */
export async function saveAdmissions(
	db: Db,
	account: StaffAccount,
	entries: readonly AdmissionEntry[],
	source: 'form' | 'csv',
	now = new Date()
): Promise<'saved' | 'wardNotAllowed' | 'futureWeek'> {
	return inTransaction(db, async (trx) => {
		const wardIds = [...new Set(entries.map((e) => e.wardId))];
		if (account.role === 'wardStaff' && wardIds.some((id) => id !== account.wardId))
			return 'wardNotAllowed';
		const known = wardIds.length
			? await trx
					.selectFrom('ward')
					.select(['id', 'retired_at'])
					.where('organisation_id', '=', account.organisationId)
					.where('id', 'in', wardIds)
					.execute()
			: [];
		if (known.length !== wardIds.length) return 'wardNotAllowed';
		// A retired ward keeps the weeks before it closed; none may be added from its closing on.
		const retiredOn = new Map(known.map((w) => [w.id, w.retired_at?.slice(0, 10) ?? null]));
		if (
			entries.some((e) => {
				const closed = retiredOn.get(e.wardId);
				return closed != null && e.weekStart >= closed;
			})
		)
			return 'wardNotAllowed';
		// A week not yet begun has no admissions: a typo of the year, say, would put a coverage
		// of thousands of per cent on the chart.
		const thisWeek = weekStartOf(await organisationToday(trx, account.organisationId, now));
		if (entries.some((e) => e.weekStart > thisWeek)) return 'futureWeek';
		for (const entry of entries)
			await trx
				.insertInto('admission_count')
				.values({
					organisation_id: account.organisationId,
					ward_id: entry.wardId,
					week_start: entry.weekStart,
					admissions: entry.admissions,
					updated_at: now.toISOString(),
					updated_by: account.id
				})
				.onConflict((oc) =>
					oc.columns(['ward_id', 'week_start']).doUpdateSet({
						admissions: entry.admissions,
						updated_at: now.toISOString(),
						updated_by: account.id
					})
				)
				.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: source === 'csv' ? 'imported' : 'edited',
				subjectType: 'admissions',
				subjectId:
					entries.length === 1 ? `${entries[0]?.wardId}/${entries[0]?.weekStart}` : 'import',
				detail: { rows: entries.length, source }
			},
			now
		);
		return 'saved';
	});
}

/** Whose admissions a list shows: one ward's, or (null) every ward of the organisation. */
export interface AdmissionsFilter {
	wardId?: string | null;
}

function admissionsOf(db: Db, organisationId: string, { wardId = null }: AdmissionsFilter) {
	return db
		.selectFrom('admission_count as a')
		.where('a.organisation_id', '=', organisationId)
		.$if(wardId !== null, (q) => q.where('a.ward_id', '=', wardId!));
}

/** How many ward-weeks of admissions the filter has, for the list's pages. */
export async function countAdmissions(
	db: Db,
	organisationId: string,
	filter: AdmissionsFilter = {}
): Promise<number> {
	const row = await admissionsOf(db, organisationId, filter)
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * The admissions entered, newest week first, a page at a time: the pages reach back to the
 * first week entered, so an old entry can be found and corrected.
 */
export async function listAdmissions(
	db: Db,
	organisationId: string,
	{ limit = 20, offset = 0, ...filter }: AdmissionsFilter & { limit?: number; offset?: number } = {}
): Promise<AdmissionRow[]> {
	const rows = await admissionsOf(db, organisationId, filter)
		.innerJoin('ward as w', (j) =>
			j.onRef('w.id', '=', 'a.ward_id').onRef('w.organisation_id', '=', 'a.organisation_id')
		)
		.select(['a.ward_id', 'w.name', 'a.week_start', 'a.admissions', 'a.updated_at'])
		// The ward's id after its name: one order, page to page, whatever the names.
		.orderBy('a.week_start', 'desc')
		.orderBy('w.name')
		.orderBy('a.ward_id')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map((r) => ({
		wardId: r.ward_id,
		wardName: r.name,
		weekStart: r.week_start,
		admissions: r.admissions,
		updatedAt: r.updated_at
	}));
}
