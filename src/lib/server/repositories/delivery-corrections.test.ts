import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { applyChanges } from '../sync/apply-changes';
import {
	correctDelivery,
	countDeliveries,
	getDeliveryWithRevisions,
	listRecentDeliveries
} from './delivery-corrections';
import { createOrganisation } from './organisations';

let db: Db;
let demo: Awaited<ReturnType<typeof openDemoDatabase>>;
let nurse: StaffAccount;
let lead: StaffAccount;
let record: DeliveryRecordInput;
const now = new Date('2026-03-10T09:00:00Z');

beforeAll(async () => {
	demo = await openDemoDatabase(now);
	db = demo.db;
	nurse = await demo.account('ward7@demo.example');
	lead = await demo.account('lead@demo.example');
	const ward = { id: await demo.wardId('Ward 7') };
	const group = { id: await demo.firstGroupId() };
	const version = await db
		.selectFrom('briefing')
		.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
		.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
		.where('briefing.slug', '=', 'your-safety-on-our-ward')
		.executeTakeFirstOrThrow();
	record = {
		id: uuidv7(),
		wardId: ward.id,
		patientGroupId: group.id,
		...version,
		format: 'leaflet',
		language: 'en',
		outcome: 'partly',
		talkedThrough: false,
		interpreterUsed: false,
		carerPresent: false,
		teachBack: 'notDone',
		recordedAt: new Date(now.getTime() - 3_600_000).toISOString()
	};
	await applyChanges(db, nurse, [{ id: record.id, kind: 'deliveryRecord', payload: record }], now);
}, 20_000);
afterAll(() => db.destroy());

describe('delivery corrections', () => {
	it('lists recent deliveries with names a lead can read', async () => {
		const [latest] = await listRecentDeliveries(db, lead.organisationId);
		expect(latest).toMatchObject({
			id: record.id,
			wardName: 'Ward 7',
			groupName: 'General adult inpatients',
			topic: 'Your safety on our ward',
			outcome: 'partly',
			recordedByName: 'Wyn Ward Nurse',
			voided: false
		});
	});

	it('pages back through every delivery, newest first, and keeps to one ward when asked', async () => {
		const organisationId = lead.organisationId;
		const ward12 = await demo.wardId('Ward 12');
		const [all, on12] = await Promise.all([
			countDeliveries(db, organisationId),
			countDeliveries(db, organisationId, { wardId: ward12 })
		]);
		// Four newer than any other here: Ward 12, Ward 7, Ward 12, Ward 7, a minute apart.
		const newer = [1, 2, 3, 4].map((minute) => ({
			...record,
			id: uuidv7(),
			wardId: minute % 2 ? ward12 : record.wardId,
			recordedAt: new Date(now.getTime() - 60_000 * (5 - minute)).toISOString()
		}));
		await applyChanges(
			db,
			nurse,
			newer.map((payload) => ({ id: payload.id, kind: 'deliveryRecord', payload })),
			now
		);
		expect(await countDeliveries(db, organisationId)).toBe(all + 4);
		expect(await countDeliveries(db, organisationId, { wardId: ward12 })).toBe(on12 + 2);

		const first = await listRecentDeliveries(db, organisationId, { limit: 2 });
		const second = await listRecentDeliveries(db, organisationId, { limit: 2, offset: 2 });
		expect([...first, ...second].map((d) => d.id)).toEqual(newer.map((d) => d.id).reverse());
		const onWard12 = await listRecentDeliveries(db, organisationId, { limit: 2, wardId: ward12 });
		expect(onWard12.map((d) => [d.id, d.wardName])).toEqual([
			[newer[2]!.id, 'Ward 12'],
			[newer[0]!.id, 'Ward 12']
		]);
		// Another organisation's view of the same ward: nothing.
		const other = await createOrganisation(db, { name: 'Elsewhere NHS Trust' });
		expect(await countDeliveries(db, other.id, { wardId: ward12 })).toBe(0);
		expect(await listRecentDeliveries(db, other.id, { wardId: ward12 })).toEqual([]);
	});

	it('corrects a record and keeps the original in the audit trail', async () => {
		const correction = {
			outcome: 'delivered' as const,
			talkedThrough: true,
			interpreterUsed: false,
			carerPresent: false,
			teachBack: 'confirmed' as const,
			languageNeeded: null
		};
		expect(await correctDelivery(db, lead, record.id, correction, now)).toBe('corrected');
		expect(await correctDelivery(db, lead, record.id, correction, now)).toBe('unchanged');

		const found = await getDeliveryWithRevisions(db, lead.organisationId, record.id);
		expect(found?.delivery).toMatchObject({ outcome: 'delivered', teachBack: 'confirmed' });
		expect(found?.revisions).toEqual([
			{
				change: 'correction',
				changedAt: now.toISOString(),
				changedByName: 'Leila Lead',
				before: {
					outcome: 'partly',
					talkedThrough: false,
					interpreterUsed: false,
					carerPresent: false,
					teachBack: 'notDone',
					languageNeeded: null
				}
			}
		]);
	});

	it("cannot see or correct another organisation's record", async () => {
		const other = await createOrganisation(db, { name: 'Elsewhere' });
		const stranger = { ...lead, id: lead.id, organisationId: other.id };
		expect(await getDeliveryWithRevisions(db, other.id, record.id)).toBeNull();
		expect(
			await correctDelivery(db, stranger, record.id, {
				outcome: 'declined',
				talkedThrough: false,
				interpreterUsed: false,
				carerPresent: false,
				teachBack: 'notDone',
				languageNeeded: null
			})
		).toBe('notFound');
		expect(
			(await getDeliveryWithRevisions(db, lead.organisationId, record.id))?.delivery.outcome
		).toBe('delivered');
	});
});
