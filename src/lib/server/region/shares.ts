import { regionalMeasures, type RegionalMeasure } from '$lib/domain/region';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from '../repositories/audit';

/*
 * An organisation's choice, per measure, to share its aggregates with its region: a row in
 * region_share while shared, none otherwise (off by default). Every change is audited in the
 * organisation's own trail.
 */

/** The measures the organisation shares with its region. */
export async function sharedMeasures(db: Db, organisationId: string): Promise<RegionalMeasure[]> {
	const rows = await db
		.selectFrom('region_share')
		.select('measure')
		.where('organisation_id', '=', organisationId)
		.execute();
	const shared = new Set(rows.map((r) => r.measure));
	return regionalMeasures.filter((m) => shared.has(m));
}

/** Shares a measure or stops sharing it; answers whether anything changed. */
export async function setShare(
	db: Db,
	actor: { id: string; organisationId: string },
	measure: RegionalMeasure,
	shared: boolean,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const was = (await sharedMeasures(trx, actor.organisationId)).includes(measure);
		if (was === shared) return false;
		if (shared)
			await trx
				.insertInto('region_share')
				.values({
					organisation_id: actor.organisationId,
					measure,
					shared_by: actor.id,
					shared_at: now.toISOString()
				})
				.execute();
		else
			await trx
				.deleteFrom('region_share')
				.where('organisation_id', '=', actor.organisationId)
				.where('measure', '=', measure)
				.execute();
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: shared ? 'region.shared' : 'region.unshared',
				subjectType: 'measure',
				subjectId: measure,
				detail: { before: was, after: shared }
			},
			now
		);
		return true;
	});
}
