import { sql } from 'kysely';
import { z } from 'zod';
import type { EquityInput } from '$lib/domain/measurement/equity';
import { weekStartOf } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import { countWhere } from '../db/sql';
import { givenSql, latestOverall, recordedDay, talkedAnsweredSql, talkedSql } from './measurement';

/*
 * The engagement matrix and equity view's counts: who was given which format and language,
 * feedback by group and language, and coverage by ward. Local days become ISO weeks in
 * TypeScript, not SQL, so the same queries serve both engines.
 */

const given = givenSql;
const talkedGiven = talkedSql;
const talkedAnsweredGiven = talkedAnsweredSql;

/** What the engagement matrix and equity view need, for records from `fromDay` on. */
export async function equityInput(
	db: Db,
	organisationId: string,
	fromDay: string
): Promise<EquityInput> {
	const deliveries = () =>
		db
			.selectFrom('delivery_record')
			.where('delivery_record.organisation_id', '=', organisationId)
			.where(recordedDay, '>=', fromDay)
			.where('delivery_record.voided_at', 'is', null);
	const feedback = () =>
		db
			.selectFrom('feedback as f')
			.where('f.organisation_id', '=', organisationId)
			.where('f.received_day', '>=', fromDay)
			.where(latestOverall);
	const [groups, byGroupFormat, byGroupLanguage, fbGroup, fbLanguage, wards, admissions] =
		await Promise.all([
			db
				.selectFrom('patient_group')
				.select(['id', 'name', 'preferred_formats'])
				.where('organisation_id', '=', organisationId)
				.where('archived', '=', 0)
				.orderBy('position')
				.execute(),
			deliveries()
				.select([
					'patient_group_id as groupId',
					'format',
					given.as('given'),
					talkedGiven.as('talked'),
					talkedAnsweredGiven.as('talkedAnswered')
				])
				.groupBy(['patient_group_id', 'format'])
				.execute(),
			deliveries()
				.select([
					'patient_group_id as groupId',
					'language',
					given.as('given'),
					talkedGiven.as('talked'),
					talkedAnsweredGiven.as('talkedAnswered')
				])
				.groupBy(['patient_group_id', 'language'])
				.execute(),
			feedback()
				.innerJoin('delivery_record as d', 'd.id', 'f.delivery_id')
				.where('d.voided_at', 'is', null)
				.select([
					'd.patient_group_id as key',
					countWhere(sql`f.overall in ('veryGood', 'good')`).as('numerator'),
					sql<number>`count(*)`.as('denominator')
				])
				.groupBy('d.patient_group_id')
				.execute(),
			feedback()
				.select([
					'f.language as key',
					countWhere(sql`f.overall in ('veryGood', 'good')`).as('numerator'),
					sql<number>`count(*)`.as('denominator')
				])
				.groupBy('f.language')
				.execute(),
			deliveries()
				.innerJoin('ward', 'ward.id', 'delivery_record.ward_id')
				.select(['ward.id as wardId', 'ward.name', recordedDay.as('day'), given.as('given')])
				.groupBy(['ward.id', 'ward.name', recordedDay])
				.execute(),
			db
				.selectFrom('admission_count')
				.innerJoin('ward', 'ward.id', 'admission_count.ward_id')
				.select(['ward_id', 'ward.name', 'week_start', 'admissions'])
				.where('admission_count.organisation_id', '=', organisationId)
				.where('week_start', '>=', fromDay)
				.execute()
		]);
	const tallies = (rows: Array<{ key: string; numerator: number; denominator: number }>) =>
		new Map(
			rows.map((r) => [
				r.key,
				{ numerator: Number(r.numerator), denominator: Number(r.denominator) }
			])
		);
	// Coverage counts only the weeks a ward entered admissions for: missing weeks are not zero.
	const coverage = new Map<string, EquityInput['coverageByWard'][number]>();
	for (const a of admissions) {
		const tally = coverage.get(a.ward_id) ?? {
			wardId: a.ward_id,
			name: a.name,
			numerator: 0,
			denominator: 0
		};
		tally.denominator += a.admissions;
		coverage.set(a.ward_id, tally);
	}
	const admitted = new Set(admissions.map((a) => `${a.ward_id}/${a.week_start}`));
	// Local days to ISO weeks here, not in SQL: the same query then serves any dialect.
	for (const w of wards) {
		const tally = coverage.get(w.wardId);
		if (tally && admitted.has(`${w.wardId}/${weekStartOf(w.day)}`))
			tally.numerator += Number(w.given);
	}
	return {
		groups: groups.map((g) => ({
			id: g.id,
			name: g.name,
			preferredFormats: z.array(z.string()).parse(JSON.parse(g.preferred_formats))
		})),
		byGroupFormat: byGroupFormat.map((r) => ({
			...r,
			given: Number(r.given),
			talked: Number(r.talked ?? 0),
			talkedAnswered: Number(r.talkedAnswered ?? 0)
		})),
		byGroupLanguage: byGroupLanguage.map((r) => ({
			...r,
			given: Number(r.given),
			talked: Number(r.talked ?? 0),
			talkedAnswered: Number(r.talkedAnswered ?? 0)
		})),
		feedbackByGroup: tallies(fbGroup),
		feedbackByLanguage: tallies(fbLanguage),
		coverageByWard: [...coverage.values()]
	};
}
