import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryCorrection, DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { applyChanges } from '../sync/apply-changes';
import { correctDelivery, getDeliveryWithRevisions } from './delivery-corrections';
import { measureSeries } from './measurement';
import { unmetNeedCells } from './unmet-need';

/*
 * A lead's correction may set an answered question back to "not recorded" and change the
 * language the patient needed; the measures' day counts (measure_day_count, counted
 * incrementally) and the unmet-need view follow the correction.
 */

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let nurse: StaffAccount;
let lead: StaffAccount;
let record: DeliveryRecordInput;

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	nurse = await demo.account('ward7@demo.example');
	lead = await demo.account('lead@demo.example');
	const version = await db
		.selectFrom('briefing')
		.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
		.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
		.where('briefing.slug', '=', 'your-safety-on-our-ward')
		.executeTakeFirstOrThrow();
	// The current week: the demo history fills only the weeks before it.
	record = {
		id: uuidv7(),
		wardId: await demo.wardId('Ward 7'),
		patientGroupId: await demo.firstGroupId(),
		...version,
		format: 'leaflet',
		language: 'en',
		outcome: 'delivered',
		talkedThrough: true,
		interpreterUsed: false,
		carerPresent: null,
		teachBack: 'confirmed',
		recordedAt: '2026-11-24T10:00:00.000Z'
	};
	await applyChanges(db, nurse, [{ id: record.id, kind: 'deliveryRecord', payload: record }], now);
}, 20_000);
afterAll(() => db.destroy());

/** This week's talked-through and teach-back figures: from the day counts, and from the records. */
async function thisWeek() {
	const series = async (slice: { wardIds?: string[] }) => {
		const s = await measureSeries(db, lead.organisationId, {
			slice,
			kind: 'week',
			today: '2026-11-26'
		});
		const pick = (p: (typeof s.talkedThrough)[number] | undefined) => ({
			period: p?.period,
			numerator: p?.numerator,
			denominator: p?.denominator,
			notRecorded: p?.notRecorded
		});
		return { talkedThrough: pick(s.talkedThrough.at(-1)), teachBack: pick(s.teachBack.at(-1)) };
	};
	const fromDayCounts = await series({});
	expect(await series({ wardIds: [record.wardId] })).toEqual(fromDayCounts);
	return fromDayCounts;
}

const correction = (change: Partial<DeliveryCorrection>): DeliveryCorrection => ({
	outcome: 'delivered',
	talkedThrough: true,
	interpreterUsed: false,
	carerPresent: null,
	teachBack: 'confirmed',
	languageNeeded: null,
	...change
});

describe('a correction to "not recorded" and the language needed', () => {
	it('takes answered questions back to not recorded, and the day counts follow', async () => {
		const answered = { period: '2026-11-23', numerator: 1, denominator: 1, notRecorded: 0 };
		expect(await thisWeek()).toEqual({ talkedThrough: answered, teachBack: answered });

		const change = correction({
			talkedThrough: null,
			interpreterUsed: null,
			teachBack: null,
			languageNeeded: 'pl'
		});
		expect(await correctDelivery(db, lead, record.id, change, now)).toBe('corrected');
		const notRecorded = { period: '2026-11-23', numerator: 0, denominator: 0, notRecorded: 1 };
		expect(await thisWeek()).toEqual({ talkedThrough: notRecorded, teachBack: notRecorded });

		const found = await getDeliveryWithRevisions(db, lead.organisationId, record.id);
		expect(found?.delivery).toMatchObject({
			talkedThrough: null,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: 'pl'
		});
		expect(found?.revisions.map((r) => r.before)).toEqual([correction({})]);
		expect(await unmetNeedCells(db, lead.organisationId, '2026-11-01')).toEqual([
			{ needed: 'pl', given: 'en', records: 1, interpreterUsed: 0, interpreterNotRecorded: 1 }
		]);
	});

	it('refuses a language needed that is the language given, changing nothing', async () => {
		expect(
			await correctDelivery(db, lead, record.id, correction({ languageNeeded: 'en' }), now)
		).toBe('sameLanguage');
		const found = await getDeliveryWithRevisions(db, lead.organisationId, record.id);
		expect(found?.revisions).toHaveLength(1);
		expect(found?.delivery.languageNeeded).toBe('pl');
	});

	it('answers them again and clears the language needed, counted again and kept in the history', async () => {
		expect(await correctDelivery(db, lead, record.id, correction({}), now)).toBe('corrected');
		const answered = { period: '2026-11-23', numerator: 1, denominator: 1, notRecorded: 0 };
		expect(await thisWeek()).toEqual({ talkedThrough: answered, teachBack: answered });
		expect(await unmetNeedCells(db, lead.organisationId, '2026-11-01')).toEqual([]);
		const found = await getDeliveryWithRevisions(db, lead.organisationId, record.id);
		expect(found?.revisions.map((r) => r.before)).toEqual([
			correction({}),
			correction({
				talkedThrough: null,
				interpreterUsed: null,
				teachBack: null,
				languageNeeded: 'pl'
			})
		]);
		expect(await correctDelivery(db, lead, record.id, correction({}), now)).toBe('unchanged');
	});
});
