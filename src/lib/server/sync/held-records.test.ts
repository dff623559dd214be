import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { countHeldRecord, setAsideHeldRecord } from '../repositories/held-records';
import { demoWithRetiredVersion } from '../test-support/held-records';
import {
	recordChange,
	undoChange,
	wardRecord,
	type WardCatalogue
} from '../test-support/ward-records';
import { applyChanges } from './apply-changes';

/*
 * A true record given with content the server no longer offers is held for the lead, not
 * refused (hazard H8): answered `held` to a device that understands it, `refused` as before to
 * one that does not (an older app), stored once either way.
 */
const now = new Date('2026-12-03T10:00:00Z');
const minute = 60_000;
const understands = { understandsHeld: true };

describe('sync: records held for the lead', () => {
	let db: Db;
	let nurse: StaffAccount;
	let lead: StaffAccount;
	let catalogue: WardCatalogue;
	const retiredAt = new Date(now.getTime() - 30 * minute);

	beforeAll(async () => {
		({ db, nurse, lead, catalogue } = await demoWithRetiredVersion(now, retiredAt));
	}, 20_000);
	afterAll(() => db.destroy());

	const heldRows = (id: string) =>
		db.selectFrom('held_delivery_record').selectAll().where('id', '=', id).execute();
	const deliveryRows = (id: string) =>
		db.selectFrom('delivery_record').select('id').where('id', '=', id).execute();

	it('holds a record given after its version was retired, and answers held', async () => {
		const given = wardRecord(catalogue, new Date(retiredAt.getTime() + minute), true);
		expect(await applyChanges(db, nurse, [recordChange(given)], now, understands)).toEqual([
			{ id: given.id, status: 'held', reason: 'versionNotPublished' }
		]);
		const [held] = await heldRows(given.id);
		expect(held).toMatchObject({
			organisation_id: nurse.organisationId,
			ward_id: catalogue.wardId,
			version_id: catalogue.versionId,
			format: 'leaflet',
			language: 'en',
			outcome: 'delivered',
			talked_through: 1,
			teach_back: 'confirmed',
			recorded_at: given.recordedAt,
			recorded_by: nurse.id,
			sent_by: nurse.id,
			reason: 'versionNotPublished',
			set_aside_at: null
		});
		// The patient's token is never kept in clear: its SHA-256, as patient_link keeps it.
		expect(held?.patient_token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(held)).not.toContain(given.patientToken);
		expect(await deliveryRows(given.id)).toEqual([]);
	});

	it('still accepts a record given before the version was retired', async () => {
		const given = wardRecord(catalogue, new Date(retiredAt.getTime() - minute));
		expect(await applyChanges(db, nurse, [recordChange(given)], now, understands)).toEqual([
			{ id: given.id, status: 'accepted' }
		]);
		expect(await heldRows(given.id)).toEqual([]);
	});

	it('answers a record sent again the same, within a batch and after, and holds it once', async () => {
		const given = wardRecord(catalogue, new Date(retiredAt.getTime() + 2 * minute));
		const change = recordChange(given);
		const held = { id: given.id, status: 'held', reason: 'versionNotPublished' };
		expect(await applyChanges(db, nurse, [change, change], now, understands)).toEqual([held, held]);
		expect(await applyChanges(db, nurse, [change], now, understands)).toEqual([held]);
		expect(await heldRows(given.id)).toHaveLength(1);
	});

	it('answers an older app refused, as it always was, and holds the record all the same', async () => {
		const given = wardRecord(catalogue, new Date(retiredAt.getTime() + 3 * minute));
		const refused = { id: given.id, status: 'refused', reason: 'versionNotPublished' };
		expect(await applyChanges(db, nurse, [recordChange(given)], now)).toEqual([refused]);
		expect(await applyChanges(db, nurse, [recordChange(given)], now)).toEqual([refused]);
		expect(await heldRows(given.id)).toHaveLength(1);
		// Once the tablet has the new app it sends it again, and is told it is held.
		expect(await applyChanges(db, nurse, [recordChange(given)], now, understands)).toEqual([
			{ id: given.id, status: 'held', reason: 'versionNotPublished' }
		]);
	});

	it('answers duplicate once the lead has counted it, and held once set aside', async () => {
		const counted = wardRecord(catalogue, new Date(retiredAt.getTime() + 4 * minute));
		const setAside = wardRecord(catalogue, new Date(retiredAt.getTime() + 5 * minute));
		await applyChanges(db, nurse, [counted, setAside].map(recordChange), now, understands);
		expect(await countHeldRecord(db, lead, counted.id, now)).toBe('counted');
		expect(await setAsideHeldRecord(db, lead, setAside.id, 'trainingOrTest', now)).toBe('setAside');
		expect(
			await applyChanges(db, nurse, [counted, setAside].map(recordChange), now, understands)
		).toEqual([
			{ id: counted.id, status: 'duplicate' },
			{ id: setAside.id, status: 'held', reason: 'versionNotPublished' }
		]);
		expect(await deliveryRows(counted.id)).toHaveLength(1);
		expect(await deliveryRows(setAside.id)).toEqual([]);
		expect(await heldRows(setAside.id)).toHaveLength(1);
	});

	it('holds a record made on a ward after it was retired, and one of a format the version lacks', async () => {
		const published = await db
			.selectFrom('briefing_version')
			.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
			.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
			.where('briefing.organisation_id', '=', nurse.organisationId)
			.where('briefing_version.status', '=', 'published')
			.executeTakeFirstOrThrow();
		const ward12 = await db
			.selectFrom('ward')
			.select('id')
			.where('name', '=', 'Ward 12')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('ward')
			.set({ retired_at: retiredAt.toISOString() })
			.where('id', '=', ward12.id)
			.execute();
		const onRetiredWard = wardRecord(
			{ ...catalogue, ...published, wardId: ward12.id },
			new Date(retiredAt.getTime() + minute)
		);
		const inPolish = {
			...wardRecord({ ...catalogue, ...published }, now),
			language: 'pl' as const
		};
		const results = await applyChanges(
			db,
			nurse,
			[onRetiredWard, inPolish].map(recordChange),
			now,
			understands
		);
		expect(results).toEqual([
			{ id: onRetiredWard.id, status: 'held', reason: 'wardRetired' },
			{ id: inPolish.id, status: 'held', reason: 'variantNotInVersion' }
		]);
	});

	it('refuses as before what is not otherwise valid: no record is held for it', async () => {
		const future = wardRecord(catalogue, new Date(now.getTime() + 10 * minute));
		const notOurs = { ...wardRecord(catalogue, now), patientGroupId: crypto.randomUUID() };
		const results = await applyChanges(
			db,
			nurse,
			[future, notOurs].map(recordChange),
			now,
			understands
		);
		expect(results).toEqual([
			{ id: future.id, status: 'refused', reason: 'recordedInFuture' },
			{ id: notOurs.id, status: 'refused', reason: 'unknownPatientGroup' }
		]);
		expect(await heldRows(future.id)).toEqual([]);
		expect(await heldRows(notOurs.id)).toEqual([]);
	});

	it('sets a held record aside when the nurse undoes it within the minute', async () => {
		const given = wardRecord(catalogue, new Date(retiredAt.getTime() + 6 * minute));
		const results = await applyChanges(
			db,
			nurse,
			[recordChange(given), undoChange(given)],
			now,
			understands
		);
		expect(results.map((r) => r.status)).toEqual(['held', 'accepted']);
		const [held] = await heldRows(given.id);
		expect(held).toMatchObject({ set_aside_by: nurse.id, set_aside_reason: 'undoneOnWard' });
		// Sent again (the answer was lost): the same, once.
		const again = await applyChanges(db, nurse, [undoChange(given)], now, understands);
		expect(again.map((r) => r.status)).toEqual(['duplicate']);
		expect(await deliveryRows(given.id)).toEqual([]);
	});
});
