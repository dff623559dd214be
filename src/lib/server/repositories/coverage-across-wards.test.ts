import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { saveAdmissions } from './admissions';
import { recountOrganisation } from './day-counts';
import { measureSeries } from './measurement';
import { overAdmitted } from './briefings-over-admissions';

/*
 * Issue 12, "coverage across wards": when some wards entered no admissions for a week, the
 * organisation's coverage counts numerator and denominator over the same wards only.
 */

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let ward7: string;
let ward12: string;

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	const nurse = await demo.account('ward7@demo.example');
	ward7 = await demo.wardId('Ward 7');
	ward12 = await demo.wardId('Ward 12');
	const groupId = await demo.firstGroupId();
	const version = await db
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
		.where('briefing_version.status', '=', 'published')
		.executeTakeFirstOrThrow();
	const given = (wardId: string, day: string, n: number) =>
		Array.from({ length: n }, () => ({
			id: uuidv7(),
			organisation_id: lead.organisationId,
			ward_id: wardId,
			patient_group_id: groupId,
			briefing_id: version.briefingId,
			version_id: version.versionId,
			format: 'leaflet',
			language: 'en',
			outcome: 'delivered',
			talked_through: 1,
			interpreter_used: 0,
			carer_present: 0,
			teach_back: 'confirmed',
			recorded_at: `${day}T10:00:00.000Z`,
			recorded_day: day,
			received_at: `${day}T10:00:01.000Z`,
			recorded_by: nurse.id,
			voided_at: null,
			voided_by: null
		}));
	// Week of 16 Nov: both wards entered admissions. Week of 23 Nov: only Ward 7 did.
	await db
		.insertInto('delivery_record')
		.values([
			...given(ward7, '2026-11-17', 6),
			...given(ward12, '2026-11-18', 4),
			...given(ward7, '2026-11-24', 15),
			...given(ward12, '2026-11-24', 10)
		])
		.execute();
	// As every writer of records does (day-counts.ts).
	await recountOrganisation(db, lead.organisationId);
	await saveAdmissions(
		db,
		lead,
		[
			{ wardId: ward7, weekStart: '2026-11-16', admissions: 10 },
			{ wardId: ward12, weekStart: '2026-11-16', admissions: 10 },
			{ wardId: ward7, weekStart: '2026-11-23', admissions: 20 }
		],
		'form',
		now
	);
}, 20_000);
afterAll(() => db.destroy());

const coverage = async (wardIds?: string[]) =>
	(
		await measureSeries(db, lead.organisationId, {
			slice: wardIds ? { wardIds } : {},
			kind: 'week',
			today: '2026-11-26'
		})
	).coverage;

describe('coverage across wards', () => {
	it('counts the organisation’s week over the wards that entered admissions, and says so', async () => {
		const series = await coverage();
		expect(series.at(-1)).toMatchObject({
			period: '2026-11-23',
			numerator: 15,
			denominator: 20,
			value: 75,
			wards: { entered: 1, inScope: 4 }
		});
		// Two of the demo's four wards entered the week before: still said.
		expect(series.at(-2)).toMatchObject({
			numerator: 10,
			denominator: 20,
			wards: { entered: 2, inScope: 4 }
		});
	});

	it('does the same for a slice of several wards, and nothing for one ward', async () => {
		const two = await coverage([ward7, ward12]);
		expect(two.at(-1)).toMatchObject({
			numerator: 15,
			denominator: 20,
			wards: { entered: 1, inScope: 2 }
		});
		expect(two.at(-2)).toMatchObject({ numerator: 10, denominator: 20 });
		expect(two.at(-2)?.wards).toBeUndefined();
		const one = await coverage([ward12]);
		expect(one.at(-1)).toMatchObject({ value: null, denominator: null });
		expect(one.at(-1)?.wards).toBeUndefined();
	});
});

describe('weeks with more briefings than admissions', () => {
	it('names the ward-weeks whose briefings given outnumber the admissions entered', async () => {
		const from = '2026-11-01';
		expect(await overAdmitted(db, lead.organisationId, { from })).toEqual([]);
		// Ward 12 gave 10 in the week of 23 November: 8 admissions is fewer.
		const entry = { wardId: ward12, weekStart: '2026-11-23', admissions: 8 };
		await saveAdmissions(db, lead, [entry], 'form', now);
		try {
			expect(await overAdmitted(db, lead.organisationId, { from })).toEqual([
				{ ...entry, wardName: 'Ward 12', given: 10 }
			]);
			expect(await overAdmitted(db, lead.organisationId, { from, wardIds: [ward7] })).toEqual([]);
			expect(await overAdmitted(db, lead.organisationId, { from: '2026-11-30' })).toEqual([]);
		} finally {
			await db
				.deleteFrom('admission_count')
				.where('ward_id', '=', ward12)
				.where('week_start', '=', '2026-11-23')
				.execute();
		}
	});
});
