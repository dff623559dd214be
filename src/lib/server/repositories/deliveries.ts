import { DeliveryOutcome } from '$lib/domain/delivery-record';
import { BriefingFormat } from '$lib/domain/format';
import type { Db } from '../db/database';

export async function countDeliveries(
	db: Db,
	organisationId: string,
	{ includeVoided = false } = {}
): Promise<number> {
	let query = db
		.selectFrom('delivery_record')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('organisation_id', '=', organisationId);
	if (!includeVoided) query = query.where('voided_at', 'is', null);
	const { count } = await query.executeTakeFirstOrThrow();
	return Number(count);
}

export interface DeliveryToday {
	id: string;
	patientGroupId: string;
	format: BriefingFormat;
	language: string;
	outcome: DeliveryOutcome;
	recordedAt: string;
}

/**
 * A ward's records since midnight UTC of `now`, newest first, without voided ones: what the
 * ward's "today" list shows. (Midnight UTC is 1 a.m. in UK summer time.)
 */
export async function listDeliveriesToday(
	db: Db,
	organisationId: string,
	wardId: string,
	now: Date
): Promise<DeliveryToday[]> {
	const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
	const rows = await db
		.selectFrom('delivery_record')
		.select(['id', 'patient_group_id', 'format', 'language', 'outcome', 'recorded_at'])
		.where('organisation_id', '=', organisationId)
		.where('ward_id', '=', wardId)
		.where('recorded_at', '>=', midnight.toISOString())
		.where('voided_at', 'is', null)
		.orderBy('recorded_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		patientGroupId: r.patient_group_id,
		format: BriefingFormat.parse(r.format),
		language: r.language,
		outcome: DeliveryOutcome.parse(r.outcome),
		recordedAt: r.recorded_at
	}));
}
