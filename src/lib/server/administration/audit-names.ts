import type { AuditName, AuditNamedKind, AuditNames } from '$lib/domain/audit-names';
import type { Db } from '../db/database';

type Named = { id: string; name: string; number?: number };

/**
 * One query a kind, each only in `organisationId`: the names of `ids`. A library item is the
 * organisation's when it shares it, adopted it or shared a lesson from it; a region, when the
 * organisation is in it now.
 */
const lookups: Record<AuditNamedKind, (db: Db, org: string, ids: string[]) => Promise<Named[]>> = {
	aim: (db, org, ids) =>
		db
			.selectFrom('aim')
			.select(['id', 'title as name'])
			.where('organisation_id', '=', org)
			.where('id', 'in', ids)
			.execute(),
	briefing: (db, org, ids) =>
		db
			.selectFrom('briefing')
			.select(['id', 'topic as name'])
			.where('organisation_id', '=', org)
			.where('id', 'in', ids)
			.execute(),
	briefing_version: (db, org, ids) =>
		db
			.selectFrom('briefing_version as v')
			.innerJoin('briefing as b', (j) =>
				j.onRef('b.id', '=', 'v.briefing_id').onRef('b.organisation_id', '=', 'v.organisation_id')
			)
			.select(['v.id', 'b.topic as name', 'v.number'])
			.where('v.organisation_id', '=', org)
			.where('v.id', 'in', ids)
			.execute(),
	library_item: (db, org, ids) =>
		db
			.selectFrom('library_item as i')
			.select(['i.id', 'i.topic as name'])
			.where('i.id', 'in', ids)
			.where((eb) =>
				eb.or([
					eb('i.source_organisation_id', '=', org),
					eb.exists(
						eb
							.selectFrom('library_adoption as a')
							.select('a.id')
							.whereRef('a.library_item_id', '=', 'i.id')
							.where('a.organisation_id', '=', org)
					),
					eb.exists(
						eb
							.selectFrom('library_lesson as l')
							.select('l.id')
							.whereRef('l.library_item_id', '=', 'i.id')
							.where('l.organisation_id', '=', org)
					)
				])
			)
			.execute(),
	library_lesson: (db, org, ids) =>
		db
			.selectFrom('library_lesson as l')
			.innerJoin('library_item as i', 'i.id', 'l.library_item_id')
			.select(['l.id', 'i.topic as name'])
			.where('l.organisation_id', '=', org)
			.where('l.id', 'in', ids)
			.execute(),
	measure_annotation: (db, org, ids) =>
		db
			.selectFrom('measure_annotation')
			.select(['id', 'text as name'])
			.where('organisation_id', '=', org)
			.where('id', 'in', ids)
			.execute(),
	// tenancy: the organisation's own row, by its own id.
	organisation: (db, org, ids) =>
		db
			.selectFrom('organisation')
			.select(['id', 'name'])
			.where('id', '=', org)
			.where('id', 'in', ids)
			.execute(),
	patient_group: (db, org, ids) =>
		db
			.selectFrom('patient_group')
			.select(['id', 'name'])
			.where('organisation_id', '=', org)
			.where('id', 'in', ids)
			.execute(),
	region: (db, org, ids) =>
		db
			.selectFrom('region as r')
			.innerJoin('region_member as m', 'm.region_id', 'r.id')
			.select(['r.id', 'r.name'])
			.where('m.organisation_id', '=', org)
			.where('r.id', 'in', ids)
			.execute(),
	staff_account: (db, org, ids) =>
		db
			.selectFrom('staff_account')
			.select(['id', 'display_name as name'])
			.where('organisation_id', '=', org)
			.where('id', 'in', ids)
			.execute(),
	ward: (db, org, ids) =>
		db
			.selectFrom('ward')
			.select(['id', 'name'])
			.where('organisation_id', '=', org)
			.where('id', 'in', ids)
			.execute()
};

/**
 * The names of `ids` (by kind), looked up in `organisationId` only: each id given is in the
 * answer, null when the organisation has nothing of that id (deleted, or another's).
 */
export async function auditNames(
	db: Db,
	organisationId: string,
	ids: ReadonlyMap<AuditNamedKind, ReadonlySet<string>>
): Promise<AuditNames> {
	const names: AuditNames = {};
	for (const [kind, set] of ids) {
		if (!set.size) continue;
		const found = new Map(
			(await lookups[kind](db, organisationId, [...set])).map((r) => [r.id, r] as const)
		);
		const byId: Record<string, AuditName> = {};
		for (const id of set) {
			const row = found.get(id);
			byId[id] = row
				? { name: row.name, ...(row.number === undefined ? {} : { number: Number(row.number) }) }
				: null;
		}
		names[kind] = byId;
	}
	return names;
}
