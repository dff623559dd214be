import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { LanguageCode } from '$lib/domain/language';
import { DEFAULT_TIME_ZONE, localDay, TimeZone } from '$lib/domain/local-time';
import { slugOfName, type Organisation, type Ward } from '$lib/domain/organisation';
import { recountOrganisation } from './day-counts';
import { inTransaction, type Db } from '../db/database';

/** An organisation's stored default languages (a JSON list); English if unreadable. */
export function defaultLanguagesOf(json: string): LanguageCode[] {
	const parsed = LanguageCode.array().min(1).safeParse(JSON.parse(json));
	return parsed.success ? parsed.data : ['en'];
}

/** A slug for the organisation's public address, not yet taken: "northfield", "northfield-2"… */
export async function freeOrganisationSlug(db: Db, name: string): Promise<string> {
	const base = slugOfName(name);
	const taken = new Set(
		(
			await db
				.selectFrom('organisation')
				.select('slug')
				.where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
				.execute()
		).map((r) => r.slug)
	);
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	return slug;
}

export async function createOrganisation(
	db: Db,
	input: {
		name: string;
		contact?: string;
		timeZone?: string;
		slug?: string;
		kind?: 'trust' | 'platform';
	}
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
			slug: input.slug ?? (await freeOrganisationSlug(db, input.name)),
			kind: input.kind ?? 'trust',
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

/** The organisation's default languages, in its order: what the studio offers first. */
export async function organisationDefaultLanguages(
	db: Db,
	organisationId: string
): Promise<LanguageCode[]> {
	const row = await db
		.selectFrom('organisation')
		.select('default_languages')
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row ? defaultLanguagesOf(row.default_languages) : ['en'];
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
		.where('kind', '=', 'trust')
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

/**
 * The organisation's wards, by name. `active` leaves out retired wards: what a form offers for
 * something new (an aim, admissions). Existing aims and records keep their retired ward's name,
 * so reports and charts read every ward.
 */
export async function listWards(
	db: Db,
	organisationId: string,
	which: 'all' | 'active' = 'all'
): Promise<Ward[]> {
	const rows = await db
		.selectFrom('ward')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.$if(which === 'active', (q) => q.where('retired_at', 'is', null))
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

/**
 * Changes the organisation's time zone and, in the same transaction, the local day of every one
 * of its records, records held for the lead and feedback responses, and empties its day counts (counted again on the next
 * read), so no chart mixes days of two zones. For the admin screen of a later issue.
 */
export async function setOrganisationTimeZone(
	db: Db,
	organisationId: string,
	zone: string
): Promise<string> {
	const timeZone = TimeZone.parse(zone);
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('organisation')
			.set({ time_zone: timeZone })
			.where('id', '=', organisationId)
			.execute();
		await redateRows(
			trx,
			organisationId,
			timeZone,
			'delivery_record',
			'recorded_at',
			'recorded_day'
		);
		await redateRows(trx, organisationId, timeZone, 'feedback', 'received_at', 'received_day');
		// Records held for the lead are kept under the records' retention by their local day.
		await redateRows(
			trx,
			organisationId,
			timeZone,
			'held_delivery_record',
			'recorded_at',
			'recorded_day'
		);
		// Records now fall on other days: the day counts follow in the same transaction.
		await recountOrganisation(trx, organisationId);
	});
	return timeZone;
}

/** Works out again the local day of an organisation's rows, 10,000 at a time in id order. */
async function redateRows(
	trx: Db,
	organisationId: string,
	timeZone: string,
	table: 'delivery_record' | 'feedback' | 'held_delivery_record',
	instant: 'recorded_at' | 'received_at',
	day: 'recorded_day' | 'received_day'
): Promise<void> {
	for (let last = ''; ;) {
		const { rows } = await sql<{ id: string; at: string }>`
			select id, ${sql.ref(instant)} as at from ${sql.table(table)}
			where organisation_id = ${organisationId} and id > ${last}
			order by id limit 10000`.execute(trx);
		if (!rows.length) return;
		const idsByDay = new Map<string, string[]>();
		for (const { id, at } of rows) {
			const local = localDay(at, timeZone);
			const same = idsByDay.get(local);
			if (same) same.push(id);
			else idsByDay.set(local, [id]);
		}
		for (const [local, ids] of idsByDay)
			for (let i = 0; i < ids.length; i += 5000)
				await sql`update ${sql.table(table)} set ${sql.ref(day)} = ${local}
					where organisation_id = ${organisationId}
					and id in (${sql.join(ids.slice(i, i + 5000))})`.execute(trx);
		last = rows[rows.length - 1]!.id;
	}
}

/** What a patient page shows of its organisation, found by its public address. */
export interface PublicOrganisation {
	id: string;
	slug: string;
	name: string;
	contact: string;
	suspended: boolean;
	/** What its patient pages list first (operations.md, "Default languages"). */
	defaultLanguages: LanguageCode[];
}

/** A trust by the slug of its public address (/o/<slug>), suspended or not; null if none. */
export async function organisationBySlug(db: Db, slug: string): Promise<PublicOrganisation | null> {
	const row = await db
		.selectFrom('organisation')
		.select(['id', 'slug', 'name', 'contact', 'suspended_at', 'default_languages'])
		.where('slug', '=', slug)
		.where('kind', '=', 'trust')
		.executeTakeFirst();
	return row ? publicOf(row) : null;
}

/** The organisation a patient page of `organisationId` speaks for (a delivery's, say). */
export async function publicOrganisation(
	db: Db,
	organisationId: string
): Promise<PublicOrganisation | null> {
	const row = await db
		.selectFrom('organisation')
		.select(['id', 'slug', 'name', 'contact', 'suspended_at', 'default_languages'])
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row ? publicOf(row) : null;
}

/** The trusts patients may reach (suspended ones are not listed), by name. */
export async function listPublicOrganisations(db: Db): Promise<PublicOrganisation[]> {
	const rows = await db
		.selectFrom('organisation')
		.select(['id', 'slug', 'name', 'contact', 'suspended_at', 'default_languages'])
		.where('kind', '=', 'trust')
		.where('suspended_at', 'is', null)
		.orderBy('name')
		.orderBy('id')
		.execute();
	return rows.map(publicOf);
}

/**
 * The slugs of the trusts that publish a briefing with this slug (today's /b/<slug> addresses).
 * Only published ones: a draft's slug must not tell a stranger what a trust is writing, nor
 * (slugs being unique per organisation only) make another trust's printed codes ambiguous.
 */
export async function organisationsWithBriefing(db: Db, briefingSlug: string): Promise<string[]> {
	const rows = await db
		.selectFrom('briefing')
		.innerJoin('organisation', 'organisation.id', 'briefing.organisation_id')
		.select('organisation.slug')
		.where('briefing.slug', '=', briefingSlug) // tenancy: a public address, answers only slugs
		.where('organisation.kind', '=', 'trust')
		.where('organisation.suspended_at', 'is', null)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('briefing_version')
					.select('briefing_version.id')
					.whereRef('briefing_version.briefing_id', '=', 'briefing.id')
					.where('briefing_version.status', '=', 'published')
			)
		)
		.execute();
	return rows.map((r) => r.slug);
}

function publicOf(row: {
	id: string;
	slug: string;
	name: string;
	contact: string;
	suspended_at: string | null;
	default_languages: string;
}): PublicOrganisation {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		contact: row.contact,
		suspended: row.suspended_at !== null,
		defaultLanguages: defaultLanguagesOf(row.default_languages)
	};
}
