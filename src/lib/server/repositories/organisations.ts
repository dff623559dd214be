import { randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE, localDay, TimeZone } from '$lib/domain/local-time';
import type { Organisation, Ward } from '$lib/domain/organisation';
import type { Db } from '../db/database';

export async function createOrganisation(
	db: Db,
	input: { name: string; contact?: string; timeZone?: string }
): Promise<Organisation> {
	const organisation = {
		id: randomUUID(),
		name: input.name,
		contact: input.contact ?? '',
		timeZone: TimeZone.parse(input.timeZone ?? DEFAULT_TIME_ZONE)
	};
	await db
		.insertInto('organisation')
		.values({
			id: organisation.id,
			name: organisation.name,
			contact: organisation.contact,
			time_zone: organisation.timeZone,
			created_at: new Date().toISOString()
		})
		.execute();
	return organisation;
}

/** The organisation's IANA time zone (Europe/London unless it chose another). */
export async function organisationTimeZone(db: Db, organisationId: string): Promise<string> {
	const row = await db
		.selectFrom('organisation')
		.select('time_zone')
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row?.time_zone ?? DEFAULT_TIME_ZONE;
}

/** Today's date (YYYY-MM-DD) on the organisation's wall clock: its "today" everywhere. */
export async function organisationToday(
	db: Db,
	organisationId: string,
	now = new Date()
): Promise<string> {
	return localDay(now, await organisationTimeZone(db, organisationId));
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | null> {
	const row = await db
		.selectFrom('organisation')
		.select(['id', 'name', 'contact', 'time_zone as timeZone'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row ?? null;
}

/** The organisation this deployment serves first: the one public pages speak for. */
export async function primaryOrganisation(db: Db): Promise<Organisation | null> {
	const row = await db
		.selectFrom('organisation')
		.select(['id', 'name', 'contact', 'time_zone as timeZone'])
		.orderBy('created_at')
		.orderBy('id')
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}

export async function createWard(
	db: Db,
	input: { organisationId: string; name: string; specialty?: string }
): Promise<Ward> {
	const ward = {
		id: randomUUID(),
		organisationId: input.organisationId,
		name: input.name,
		specialty: input.specialty ?? ''
	};
	await db
		.insertInto('ward')
		.values({
			id: ward.id,
			organisation_id: ward.organisationId,
			name: ward.name,
			specialty: ward.specialty
		})
		.execute();
	return ward;
}

export async function listWards(db: Db, organisationId: string): Promise<Ward[]> {
	const rows = await db
		.selectFrom('ward')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.orderBy('name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		organisationId: r.organisation_id,
		name: r.name,
		specialty: r.specialty
	}));
}

export async function getWard(db: Db, organisationId: string, id: string): Promise<Ward | null> {
	const row = await db
		.selectFrom('ward')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row
		? { id: row.id, organisationId: row.organisation_id, name: row.name, specialty: row.specialty }
		: null;
}
