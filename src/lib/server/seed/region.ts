import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { localDay } from '$lib/domain/local-time';
import { weekStartOf } from '$lib/domain/measurement/period';
import type { RegionalMeasure } from '$lib/domain/region';
import type { Db } from '../db/database';
import type { DeliveryRecordTable, FeedbackTable } from '../db/schema';
import { createPatientGroup } from '../repositories/patient-groups';
import { recountOrganisation } from '../repositories/day-counts';
import { organisationTimeZone } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { generator } from './demo-history';
import { seedPatientGroups } from './patient-groups';
import type { DemoAccount } from './demo';

/*
 * The demo region (an integrated care board) over the two demo trusts, and its regional lead.
 * Northfield shares all four measures; Southmoor shares coverage, format fit and talked through
 * but not feedback, so the regional view shows an organisation that is in one measure and
 * nowhere in another. With the history, Southmoor gets 26 weeks of Oak Ward of its own (two
 * patient groups, its one leaflet), so the funnel plot compares two organisations.
 */

export const regionalAccount: DemoAccount = {
	email: 'regional@demo-icb.example',
	password: 'demo-regional-pass',
	role: 'regionalLead',
	displayName: 'Rowan Regional'
};

export const demoRegionName = 'Northfield and Southmoor Integrated Care Board (demo)';

const shares: Record<'northfield' | 'southmoor', RegionalMeasure[]> = {
	northfield: ['coverage', 'formatFit', 'talkedThrough', 'feedbackPositive'],
	southmoor: ['coverage', 'formatFit', 'talkedThrough']
};

export async function seedRegion(
	trx: Db,
	now: Date,
	ids: { northfield: string; southmoor: string; platform: string },
	history: boolean
): Promise<void> {
	const regionId = randomUUID();
	const at = now.toISOString();
	await trx
		.insertInto('region')
		.values({ id: regionId, name: demoRegionName, created_at: at })
		.execute();
	for (const key of ['northfield', 'southmoor'] as const) {
		const organisationId = ids[key];
		await trx
			.insertInto('region_member')
			.values({ organisation_id: organisationId, region_id: regionId, added_at: at })
			.execute();
		const admin = await trx
			.selectFrom('staff_account')
			.select('id')
			.where('organisation_id', '=', organisationId)
			.where('role', 'in', ['admin', 'engagementLead'])
			.orderBy('role')
			.executeTakeFirstOrThrow();
		if (shares[key].length)
			await trx
				.insertInto('region_share')
				.values(
					shares[key].map((measure) => ({
						organisation_id: organisationId,
						measure,
						shared_by: admin.id,
						shared_at: at
					}))
				)
				.execute();
	}
	await createStaffAccount(trx, {
		organisationId: ids.platform,
		regionId,
		email: regionalAccount.email,
		displayName: regionalAccount.displayName,
		role: 'regionalLead',
		password: regionalAccount.password
	});
	if (history) await seedSouthmoorHistory(trx, ids.southmoor, now);
}

const DAY_MS = 86_400_000;

/** 26 weeks of Oak Ward: about 40 admissions a week, seven in ten briefed with the leaflet. */
async function seedSouthmoorHistory(db: Db, organisationId: string, now: Date): Promise<void> {
	const rng = generator(20261204);
	const groups = [];
	for (const g of seedPatientGroups.filter((g) =>
		/^General adult|learning disability/.test(g.name)
	))
		groups.push(await createPatientGroup(db, organisationId, g));
	const [ward, variant, nurse] = await Promise.all([
		db
			.selectFrom('ward')
			.select('id')
			.where('organisation_id', '=', organisationId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('briefing_variant as x')
			.innerJoin('briefing_version as v', 'v.id', 'x.version_id')
			.innerJoin('briefing as b', 'b.id', 'v.briefing_id')
			.select(['b.id as briefingId', 'v.id as versionId', 'x.format', 'x.language'])
			.where('b.organisation_id', '=', organisationId)
			.where('v.status', '=', 'published')
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('staff_account')
			.select('id')
			.where('organisation_id', '=', organisationId)
			.executeTakeFirstOrThrow()
	]);
	const zone = await organisationTimeZone(db, organisationId);
	const thisMonday = Date.parse(`${weekStartOf(localDay(now, zone))}T00:00:00Z`);
	const records: Insertable<DeliveryRecordTable>[] = [];
	const feedback: FeedbackTable[] = [];
	const admissions = [];
	for (let weeksAgo = 26; weeksAgo >= 1; weeksAgo--) {
		const monday = thisMonday - weeksAgo * 7 * DAY_MS;
		const admitted = 40 + Math.round((rng.next() - 0.5) * 10);
		admissions.push({
			organisation_id: organisationId,
			ward_id: ward.id,
			week_start: new Date(monday).toISOString().slice(0, 10),
			admissions: admitted,
			updated_at: now.toISOString(),
			updated_by: nurse.id
		});
		const briefed = Math.round(admitted * (0.7 + (rng.next() - 0.5) * 0.1));
		for (let i = 0; i < briefed; i++) {
			const group = rng.chance(0.8) ? groups[0]! : groups[1]!;
			const at = new Date(monday + Math.floor(rng.next() * 7 * DAY_MS)).toISOString();
			const given = rng.chance(0.92);
			const id = randomUUID();
			records.push({
				id,
				organisation_id: organisationId,
				ward_id: ward.id,
				patient_group_id: group.id,
				briefing_id: variant.briefingId,
				version_id: variant.versionId,
				format: variant.format,
				language: variant.language,
				outcome: given ? 'delivered' : 'declined',
				talked_through: given && rng.chance(0.45) ? 1 : 0,
				interpreter_used: 0,
				carer_present: 0,
				teach_back: 'notDone',
				recorded_at: at,
				recorded_day: localDay(at, zone),
				received_at: at,
				recorded_by: nurse.id,
				voided_at: null,
				voided_by: null
			});
			if (given && rng.chance(0.3))
				feedback.push({
					id: randomUUID(),
					organisation_id: organisationId,
					briefing_id: variant.briefingId,
					version_id: variant.versionId,
					delivery_id: id,
					language: variant.language,
					overall: rng.chance(0.7) ? 'good' : 'poor',
					knows_how_to_get_help: 'yes',
					able_to_ask_hand_hygiene: 'yes',
					free_text: null,
					received_at: at,
					received_day: localDay(at, zone),
					token_hash: null,
					updated_at: null,
					submission_id: null
				});
		}
	}
	for (let i = 0; i < records.length; i += 500)
		await db
			.insertInto('delivery_record')
			.values(records.slice(i, i + 500))
			.execute();
	await recountOrganisation(db, organisationId);
	if (feedback.length) await db.insertInto('feedback').values(feedback).execute();
	await db.insertInto('admission_count').values(admissions).execute();
}
