import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { applyChanges } from '../sync/apply-changes';
import { correctDelivery, getDeliveryWithRevisions } from './delivery-corrections';
import { measureSeries } from './measurement';
import { publishedLanguages, unmetNeedCells } from './unmet-need';

/*
 * Issue 12, "record only what was said": a question the nurse left unanswered travels as null,
 * is stored as null ("not recorded"), stays null through a correction that does not answer it,
 * and is left out of both sides of the measure, which says how many were not recorded.
 */

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let nurse: StaffAccount;
let lead: StaffAccount;
let base: Omit<DeliveryRecordInput, 'id'>;

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
	base = {
		wardId: await demo.wardId('Ward 7'),
		patientGroupId: await demo.firstGroupId(),
		...version,
		format: 'leaflet',
		language: 'en',
		outcome: 'delivered',
		talkedThrough: null,
		interpreterUsed: null,
		carerPresent: null,
		teachBack: null,
		recordedAt: '2026-11-24T10:00:00.000Z'
	};
}, 20_000);
afterAll(() => db.destroy());

async function send(records: DeliveryRecordInput[]) {
	return applyChanges(
		db,
		nurse,
		records.map((payload) => ({ id: payload.id, kind: 'deliveryRecord', payload })),
		now
	);
}

const stored = (id: string) =>
	db
		.selectFrom('delivery_record')
		.select([
			'talked_through',
			'interpreter_used',
			'carer_present',
			'teach_back',
			'language',
			'language_needed'
		])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

describe('a record with questions left unanswered', () => {
	it('is stored with those answers as null, not as no', async () => {
		const r = { ...base, id: uuidv7() };
		expect(await send([r])).toEqual([{ id: r.id, status: 'accepted' }]);
		expect(await stored(r.id)).toEqual({
			talked_through: null,
			interpreter_used: null,
			carer_present: null,
			teach_back: null,
			language: 'en',
			language_needed: null
		});
	});

	it('still accepts the old shape from a device not yet updated (every answer a boolean)', async () => {
		const old = {
			...base,
			id: uuidv7(),
			talkedThrough: false,
			interpreterUsed: false,
			carerPresent: true,
			teachBack: 'notDone' as const
		};
		expect(await send([old])).toEqual([{ id: old.id, status: 'accepted' }]);
		expect(await stored(old.id)).toMatchObject({
			talked_through: 0,
			carer_present: 1,
			teach_back: 'notDone'
		});
	});

	it('keeps the language the patient needed, and refuses one the same as the language given', async () => {
		const needed = { ...base, id: uuidv7(), languageNeeded: 'pl' as const };
		const same = { ...base, id: uuidv7(), languageNeeded: 'en' as const };
		expect(await send([needed, same])).toEqual([
			{ id: needed.id, status: 'accepted' },
			{
				id: same.id,
				status: 'refused',
				reason: 'invalid',
				issues: [{ field: 'languageNeeded', message: 'the same as the language given' }]
			}
		]);
		expect(await stored(needed.id)).toMatchObject({ language: 'en', language_needed: 'pl' });
	});

	it('leaves a correction that does not answer a question not recorded, and keeps it in the audit trail', async () => {
		const r = { ...base, id: uuidv7(), recordedAt: '2026-11-20T10:00:00.000Z' };
		await send([r]);
		const correction = {
			outcome: 'partly' as const,
			talkedThrough: true,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: null
		};
		expect(await correctDelivery(db, lead, r.id, correction, now)).toBe('corrected');
		const found = await getDeliveryWithRevisions(db, lead.organisationId, r.id);
		expect(found?.delivery).toMatchObject({ ...correction });
		expect(found?.revisions[0]?.before).toEqual({
			outcome: 'delivered',
			talkedThrough: null,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: null
		});
	});
});

describe('measures with answers not recorded', () => {
	it('count answered records only in the denominator, and say how many were not recorded', async () => {
		// The week of 2026-11-23 so far: two records with nothing answered, one old-shape
		// (talked through: no, teach-back not done) and one that needed Polish (nothing answered).
		const weekOf = async (slice: { wardIds?: string[] }) =>
			(await measureSeries(db, lead.organisationId, { slice, kind: 'week', today: '2026-11-26' }))
				.talkedThrough;
		for (const series of [await weekOf({}), await weekOf({ wardIds: [base.wardId] })]) {
			expect(series.at(-1)).toMatchObject({
				period: '2026-11-23',
				numerator: 0,
				denominator: 1,
				value: 0,
				notRecorded: 2
			});
		}
		const teachBack = (
			await measureSeries(db, lead.organisationId, {
				slice: {},
				kind: 'week',
				today: '2026-11-26'
			})
		).teachBack.at(-1);
		expect(teachBack).toMatchObject({ numerator: 0, denominator: 1, notRecorded: 2 });
	});
});

describe('unmet need', () => {
	it('counts records by language needed and given, with the interpreter answer', async () => {
		expect(await unmetNeedCells(db, lead.organisationId, '2026-11-01')).toEqual([
			{ needed: 'pl', given: 'en', records: 1, interpreterUsed: 0, interpreterNotRecorded: 1 }
		]);
		const content = await publishedLanguages(db, lead.organisationId);
		expect(content.has('en')).toBe(true);
		expect(content.has('pl')).toBe(false);
	});
});
