import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { saveAdmissions } from './admissions';
import { applyChanges } from '../sync/apply-changes';
import { equityInput } from './equity';
import { measureSeries } from './measurement';
import { setOrganisationTimeZone } from './organisations';
import { demoWardCatalogue, recordChange, wardRecord } from '../test-support/ward-records';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 20_000;
const seededAt = new Date('2026-03-01T09:00:00Z');
const received = new Date('2026-11-26T09:00:00Z');

let db: Db;
let nurse: StaffAccount;
let lead: StaffAccount;
let ward7: string;

/** Records received through the sync API, as a ward device sends them. */
async function recordAt(...instants: string[]) {
	const groupId = (
		await db.selectFrom('patient_group').select('id').orderBy('position').executeTakeFirstOrThrow()
	).id;
	const version = await db
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
		.where('briefing.slug', '=', 'your-safety-on-our-ward')
		.executeTakeFirstOrThrow();
	const changes = instants.map((recordedAt) => {
		const id = uuidv7();
		return {
			id,
			kind: 'deliveryRecord' as const,
			payload: {
				id,
				wardId: ward7,
				patientGroupId: groupId,
				...version,
				format: 'leaflet' as const,
				language: 'en',
				outcome: 'delivered' as const,
				talkedThrough: true,
				interpreterUsed: false,
				carerPresent: false,
				teachBack: 'confirmed' as const,
				recordedAt
			}
		};
	});
	const results = await applyChanges(db, nurse, changes, received);
	expect(results.map((r) => r.status)).toEqual(instants.map(() => 'accepted'));
}

beforeAll(async () => {
	const demo = await openDemoDatabase(seededAt);
	db = demo.db;
	nurse = await demo.account('ward7@demo.example');
	lead = await demo.account('lead@demo.example');
	ward7 = await demo.wardId('Ward 7');
	await recordAt(
		'2026-03-29T23:30:00Z', // 00:30 BST on Monday 30 March: the week of 30 March
		'2026-03-29T22:30:00Z', // 23:30 BST on Sunday 29 March: the week of 23 March
		'2026-03-29T00:30:00Z', // 00:30 GMT on Sunday 29 March, before the change
		'2026-06-30T23:15:00Z', // 00:15 BST on 1 July: July
		'2026-10-25T00:30:00Z', // 01:30 BST on Sunday 25 October, the day the clocks go back
		'2026-10-25T23:30:00Z' // 23:30 GMT on the same Sunday: the same day and week
	);
}, SLOW);

const counts = (points: Array<{ period: string; numerator: number }>) =>
	Object.fromEntries(points.filter((p) => p.numerator > 0).map((p) => [p.period, p.numerator]));

describe('measures count local (Europe/London) days', () => {
	// The organisation's series read the day counts; a ward's are counted from the records.
	const slices = [
		['from the day counts (whole organisation)', () => ({})],
		['from the records (a ward)', () => ({ wardIds: [ward7] })]
	] as const;
	for (const [label, slice] of slices) {
		it(`puts each record in its local ISO week, ${label}`, async () => {
			const series = await measureSeries(db, nurse.organisationId, {
				slice: slice(),
				kind: 'week',
				today: '2026-11-26'
			});
			expect(counts(series.deliveries)).toEqual({
				'2026-03-23': 2, // Sunday 29 March, before and after the change
				'2026-03-30': 1, // the Monday record, not the week before
				'2026-06-29': 1,
				'2026-10-19': 2 // both on Sunday 25 October
			});
		});

		it(`puts each record in its local month, ${label}`, async () => {
			const series = await measureSeries(db, nurse.organisationId, {
				slice: slice(),
				kind: 'month',
				today: '2026-11-26'
			});
			expect(counts(series.deliveries)).toEqual({ '2026-03': 3, '2026-07': 1, '2026-10': 2 });
		});
	}

	it("counts a Monday-morning record against that week's admissions", async () => {
		await saveAdmissions(
			db,
			lead,
			[{ wardId: ward7, weekStart: '2026-03-30', admissions: 4 }],
			'form',
			received
		);
		const input = await equityInput(db, nurse.organisationId, '2026-01-01');
		expect(input.coverageByWard).toEqual([
			{ wardId: ward7, name: 'Ward 7', numerator: 1, denominator: 4 }
		]);
	});
});

describe('changing the time zone', () => {
	it("moves every record to its day in the new zone, the day counts' too", async () => {
		await expect(
			setOrganisationTimeZone(db, nurse.organisationId, 'Europe/Narnia')
		).rejects.toThrow();
		// St John's, Newfoundland: 2 h 30 min behind UTC in summer time.
		expect(await setOrganisationTimeZone(db, nurse.organisationId, 'america/st_johns')).toBe(
			'America/St_Johns'
		);
		for (const slice of [{}, { wardIds: [ward7] }]) {
			const months = await measureSeries(db, nurse.organisationId, {
				slice,
				kind: 'month',
				today: '2026-11-26'
			});
			// 23:15 UTC on 30 June is 20:45 on 30 June there: June, not July.
			expect(counts(months.deliveries)).toEqual({ '2026-03': 3, '2026-06': 1, '2026-10': 2 });
		}
	});

	it('moves records held for the lead to their day in the new zone too', async () => {
		// A record of a version retired before it was given is held (it cannot be counted), and
		// kept under the records' retention by its local day: that day follows the zone as well.
		const catalogue = await demoWardCatalogue(db);
		await db
			.updateTable('briefing_version')
			.set({ status: 'retired', retired_at: '2026-06-01T09:00:00Z' })
			.where('id', '=', catalogue.versionId)
			.execute();
		const given = wardRecord(catalogue, new Date('2026-06-30T23:30:00Z'));
		const [result] = await applyChanges(db, nurse, [recordChange(given)], received, {
			understandsHeld: true
		});
		expect(result?.status).toBe('held');
		const heldDay = async () =>
			(
				await db
					.selectFrom('held_delivery_record')
					.select('recorded_day')
					.where('id', '=', given.id)
					.executeTakeFirstOrThrow()
			).recorded_day;
		// 21:00 on 30 June in St John's (set above); 00:30 BST on 1 July in London.
		expect(await heldDay()).toBe('2026-06-30');
		await setOrganisationTimeZone(db, nurse.organisationId, 'Europe/London');
		expect(await heldDay()).toBe('2026-07-01');
	});
});
