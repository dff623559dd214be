import { sql } from 'kysely';
import type { UnmetNeedCell } from '$lib/domain/measurement/unmet-need';
import type { Db } from '../db/database';
import { countWhere } from '../db/sql';

/** Records (not undone) from `fromDay` on that name a language needed, by needed × given. */
export async function unmetNeedCells(
	db: Db,
	organisationId: string,
	fromDay: string
): Promise<UnmetNeedCell[]> {
	const rows = await db
		.selectFrom('delivery_record')
		.select([
			'language_needed as needed',
			'language as given',
			sql<number>`count(*)`.as('records'),
			countWhere(sql`interpreter_used = 1`).as('interpreterUsed'),
			countWhere(sql`interpreter_used is null`).as('interpreterNotRecorded')
		])
		.where('organisation_id', '=', organisationId)
		.where('language_needed', 'is not', null)
		.where('recorded_day', '>=', fromDay)
		.where('voided_at', 'is', null)
		.groupBy(['language_needed', 'language'])
		.execute();
	return rows.map((r) => ({
		needed: r.needed ?? '',
		given: r.given,
		records: Number(r.records),
		interpreterUsed: Number(r.interpreterUsed ?? 0),
		interpreterNotRecorded: Number(r.interpreterNotRecorded ?? 0)
	}));
}

/** The languages the organisation has a published briefing in. */
export async function publishedLanguages(db: Db, organisationId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('briefing_variant')
		.innerJoin('briefing_version', 'briefing_version.id', 'briefing_variant.version_id')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select('briefing_variant.language')
		.distinct()
		.where('briefing.organisation_id', '=', organisationId)
		.where('briefing_version.status', '=', 'published')
		.execute();
	return new Set(rows.map((r) => r.language));
}
