import { DeliveryOutcome } from '$lib/domain/delivery-record';
import { BriefingFormat } from '$lib/domain/format';
import { localDay } from '$lib/domain/local-time';
import type { Db } from '../db/database';
import { organisationTimeZone } from './organisations';

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
 * A ward's records of the organisation's local day holding `now`, newest first, without voided
 * ones: what the ward's "today" list shows. (In UK summer time that day began at 23:00 UTC.)
 */
export async function listDeliveriesToday(
	db: Db,
	organisationId: string,
	wardId: string,
	now: Date
): Promise<DeliveryToday[]> {
	const today = localDay(now, await organisationTimeZone(db, organisationId));
	const rows = await db
		.selectFrom('delivery_record')
		.select(['id', 'patient_group_id', 'format', 'language', 'outcome', 'recorded_at'])
		.where('organisation_id', '=', organisationId)
		.where('ward_id', '=', wardId)
		.where('recorded_day', '=', today)
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
