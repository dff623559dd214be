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
 * An entry to save, with the number its ward and week held when the person chose to save it
 * (`was`; absent or null: none held). A different number held now is not replaced silently.
 */
export interface AdmissionWrite extends AdmissionEntry {
	was?: number | null;
}

/** A ward's week that already holds a different number from the one being saved. */
export interface HeldAdmission extends AdmissionEntry {
	wardName: string;
	held: number;
}

export type SaveAdmissionsResult =
	/** `replaced`: weeks that held another number; `unchanged`: weeks that held the same. */
	| { status: 'saved'; added: number; replaced: HeldAdmission[]; unchanged: number }
	/** Nothing written: these weeks hold a number other than the one the person saw (`was`). */
	| { status: 'replaces'; replaces: HeldAdmission[] }
	| { status: 'wardNotAllowed' | 'futureWeek' };

const keyOf = (e: { wardId: string; weekStart: string }) => `${e.wardId}/${e.weekStart}`;

/**
 * Stores admissions (insert or replace per ward and week) in one transaction with one audit
 * row, so an import is all there or not at all. Every ward must be the account's organisation's,
 * and ward staff may enter only their own ward: checked here as well as in the route. No week
 * may start after the organisation's current week ('futureWeek'). A week that holds a number
 * other than both the new one and the one the person saw (`was`) is replaced only when asked:
 * nothing is written and the weeks are given back ('replaces'), so a stale question, or none,
 * never replaces a number silently. The same number held again is no question.
 */
export async function saveAdmissions(
	db: Db,
	account: StaffAccount,
	entries: readonly AdmissionWrite[],
	source: 'form' | 'csv',
	now = new Date()
): Promise<SaveAdmissionsResult> {
	return inTransaction(db, async (trx): Promise<SaveAdmissionsResult> => {
		const wardIds = [...new Set(entries.map((e) => e.wardId))];
		if (account.role === 'wardStaff' && wardIds.some((id) => id !== account.wardId))
			return { status: 'wardNotAllowed' };
		const known = wardIds.length
			? await trx
					.selectFrom('ward')
					.select(['id', 'name', 'retired_at'])
					.where('organisation_id', '=', account.organisationId)
					.where('id', 'in', wardIds)
					.execute()
			: [];
		if (known.length !== wardIds.length) return { status: 'wardNotAllowed' };
		// A retired ward keeps the weeks before it closed; none may be added from its closing on.
		const retiredOn = new Map(known.map((w) => [w.id, w.retired_at?.slice(0, 10) ?? null]));
		if (
			entries.some((e) => {
				const closed = retiredOn.get(e.wardId);
				return closed != null && e.weekStart >= closed;
			})
		)
			return { status: 'wardNotAllowed' };
		// A week not yet begun has no admissions: a typo of the year, say, would put a coverage
		// of thousands of per cent on the chart.
		const thisWeek = weekStartOf(await organisationToday(trx, account.organisationId, now));
		if (entries.some((e) => e.weekStart > thisWeek)) return { status: 'futureWeek' };
		const weeks = entries.map((e) => e.weekStart).sort();
		const heldRows = entries.length
			? await trx
					.selectFrom('admission_count')
					.select(['ward_id', 'week_start', 'admissions'])
					.where('organisation_id', '=', account.organisationId)
					.where('ward_id', 'in', wardIds)
					.where('week_start', '>=', weeks[0] ?? '')
					.where('week_start', '<=', weeks.at(-1) ?? '')
					.execute()
			: [];
		const heldNow = new Map(
			heldRows.map((r) => [keyOf({ wardId: r.ward_id, weekStart: r.week_start }), r.admissions])
		);
		const names = new Map(known.map((w) => [w.id, w.name]));
		const replaced: HeldAdmission[] = [];
		const unasked: HeldAdmission[] = [];
		let unchanged = 0;
		for (const e of entries) {
			const held = heldNow.get(keyOf(e));
			if (held === undefined) continue;
			if (held === e.admissions) {
				unchanged += 1;
				continue;
			}
			const week: HeldAdmission = {
				wardId: e.wardId,
				wardName: names.get(e.wardId) ?? '',
				weekStart: e.weekStart,
				admissions: e.admissions,
				held
			};
			replaced.push(week);
			if (held !== (e.was ?? null)) unasked.push(week);
		}
		if (unasked.length) return { status: 'replaces', replaces: replaced };
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
				// A hand-entered week says what it held; an import, how many weeks it replaced.
				detail: {
					rows: entries.length,
					source,
					...(replaced.length === 0
						? {}
						: entries.length === 1
							? { was: replaced[0]?.held }
							: { replaced: replaced.length })
				}
			},
			now
		);
		return {
			status: 'saved',
			added: entries.length - replaced.length - unchanged,
			replaced,
			unchanged
		};
	});
}

/** The number a ward's week holds, if any: what the form asks before replacing. */
export async function heldAdmissions(
	db: Db,
	organisationId: string,
	wardId: string,
	weekStart: string
): Promise<number | null> {
	const row = await db
		.selectFrom('admission_count')
		.select('admissions')
		.where('organisation_id', '=', organisationId)
		.where('ward_id', '=', wardId)
		.where('week_start', '=', weekStart)
		.executeTakeFirst();
	return row?.admissions ?? null;
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
