import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { applyChanges } from '../sync/apply-changes';
import {
	demoWithRetiredVersion,
	holdRecord,
	otherOrganisationLead,
	type HeldRecordsDemo
} from '../test-support/held-records';
import { recordChange, undoChange } from '../test-support/ward-records';
import { countSetAsideRecord, listHeldRecords, setAsideHeldRecord } from './held-records';
import {
	countSetAsideRecords,
	listSetAsideRecords,
	SET_ASIDE_PER_PAGE,
	setAsideRecordsPage,
	setAsideWhy
} from './set-aside-records';

const now = new Date('2026-12-03T10:00:00Z');
const minute = 60_000;
const at = (m: number) => new Date(now.getTime() + m * minute);

describe('records set aside', () => {
	let demo: HeldRecordsDemo;
	let db: Db;
	let nurse: StaffAccount;
	let lead: StaffAccount;
	let otherLead: StaffAccount;
	const retiredAt = new Date(now.getTime() - 60 * minute);
	let given = 0;

	beforeAll(async () => {
		demo = await demoWithRetiredVersion(now, retiredAt);
		({ db, nurse, lead } = demo);
		otherLead = await otherOrganisationLead(db, now);
	}, 20_000);
	afterAll(() => db.destroy());

	/** A record of the retired version, held for the lead (each a minute after the last). */
	const held = (): Promise<DeliveryRecordInput> =>
		holdRecord(demo, new Date(retiredAt.getTime() + ++given * minute), now, true);
	const audit = (id: string) =>
		db
			.selectFrom('audit_event')
			.select(['action', 'actor_id'])
			.where('subject_id', '=', id)
			.orderBy('at')
			.execute();
	const dayTotal = async () =>
		Number(
			(
				await db
					.selectFrom('measure_day_count')
					.select((eb) => eb.fn.sum<number | string>('total').as('n'))
					.where('organisation_id', '=', lead.organisationId)
					.where('day', '=', '2026-12-03')
					.executeTakeFirstOrThrow()
			).n ?? 0
		);
	const listed = async () =>
		listSetAsideRecords(db, lead.organisationId, { limit: 100, offset: 0 });

	it('lists them, latest set aside first, with who, when and why, for their organisation only', async () => {
		const [mistake, noted, undone, waiting] = [
			await held(),
			await held(),
			await held(),
			await held()
		];
		expect(await setAsideHeldRecord(db, lead, mistake.id, 'recordedByMistake', at(1))).toBe(
			'setAside'
		);
		expect(await setAsideHeldRecord(db, lead, noted.id, 'The leaflet was a draft', at(3))).toBe(
			'setAside'
		);
		// Undone on the ward while held: set aside as such, by the nurse, when the undo arrived (now).
		await applyChanges(db, nurse, [undoChange(undone)], now, { understandsHeld: true });
		// It can never be counted, so its token's hash goes at once; the lead's keep theirs.
		const hashes = await db
			.selectFrom('held_delivery_record')
			.select(['id', 'patient_token_hash'])
			.where('id', 'in', [mistake.id, undone.id])
			.execute();
		expect(hashes.find((h) => h.id === undone.id)?.patient_token_hash).toBeNull();
		expect(hashes.find((h) => h.id === mistake.id)?.patient_token_hash).toMatch(/^[0-9a-f]{64}$/);

		const records = await listed();
		expect(records.map((r) => r.id)).toEqual([noted.id, mistake.id, undone.id]);
		expect(records[0]).toMatchObject({
			wardName: 'Ward 7',
			recordedAt: noted.recordedAt,
			topic: 'Your safety on our ward',
			versionNumber: 1,
			format: 'leaflet',
			language: 'en',
			reason: 'versionNotPublished',
			setAsideAt: at(3).toISOString(),
			setAsideBy: 'Leila Lead',
			why: { kind: 'other', note: 'The leaflet was a draft' }
		});
		expect(records[1]?.why).toEqual({ kind: 'listed', reason: 'recordedByMistake' });
		expect(records[2]).toMatchObject({
			setAsideBy: 'Wyn Ward Nurse',
			why: { kind: 'undoneOnWard' }
		});
		expect(records.map((r) => r.id)).not.toContain(waiting.id);
		expect(await countSetAsideRecords(db, lead.organisationId)).toBe(3);
		expect(
			await listSetAsideRecords(db, otherLead.organisationId, { limit: 100, offset: 0 })
		).toEqual([]);
		expect(await countSetAsideRecords(db, otherLead.organisationId)).toBe(0);
	});

	it('reads a reason back: a listed one, the lead’s sentence, or undone on the ward', () => {
		expect(setAsideWhy('trainingOrTest')).toEqual({ kind: 'listed', reason: 'trainingOrTest' });
		expect(setAsideWhy('undoneOnWard')).toEqual({ kind: 'undoneOnWard' });
		// 'other' is never stored (its sentence is), so a sentence of that one word is a sentence.
		expect(setAsideWhy('other')).toEqual({ kind: 'other', note: 'other' });
	});

	it('pages them', async () => {
		const total = await countSetAsideRecords(db, lead.organisationId);
		for (let i = total; i <= SET_ASIDE_PER_PAGE; i++)
			await setAsideHeldRecord(db, lead, (await held()).id, 'trainingOrTest', at(10 + i));
		const all = await listed();
		expect(all).toHaveLength(SET_ASIDE_PER_PAGE + 1);
		const first = await setAsideRecordsPage(db, lead.organisationId);
		expect(first.records.map((r) => r.id)).toEqual(
			all.slice(0, SET_ASIDE_PER_PAGE).map((r) => r.id)
		);
		expect(first.paging).toMatchObject({ page: 1, pages: 2, total: SET_ASIDE_PER_PAGE + 1 });
		const second = await setAsideRecordsPage(db, lead.organisationId, 2);
		expect(second.records.map((r) => r.id)).toEqual([all.at(-1)?.id]);
		expect(second.paging).toMatchObject({ page: 2, from: SET_ASIDE_PER_PAGE + 1 });
		// A page past the last (the list shrank under a bookmark) shows the last.
		expect((await setAsideRecordsPage(db, lead.organisationId, 9)).paging.page).toBe(2);
	});

	it('counts one after all, exactly once: a delivery record with its patient link, in the measures, audited', async () => {
		const record = await held();
		const { patient_token_hash: tokenHash } = await db
			.selectFrom('held_delivery_record')
			.select('patient_token_hash')
			.where('id', '=', record.id)
			.executeTakeFirstOrThrow();
		await setAsideHeldRecord(db, lead, record.id, 'alreadyCounted', at(30));
		const before = await dayTotal();
		expect(await countSetAsideRecord(db, lead, record.id, at(31))).toBe('counted');
		const stored = await db
			.selectFrom('delivery_record')
			.selectAll()
			.where('id', '=', record.id)
			.executeTakeFirstOrThrow();
		expect(stored).toMatchObject({
			recorded_at: record.recordedAt,
			recorded_day: '2026-12-03',
			recorded_by: nurse.id,
			version_id: demo.catalogue.versionId,
			voided_at: null
		});
		expect(await dayTotal()).toBe(before + 1);
		// The QR code's link as counting it before it was set aside would have made: feedback the
		// patient sent through it joins the record.
		expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
		const link = await db
			.selectFrom('patient_link')
			.select('delivery_id')
			.where('token_hash', '=', tokenHash!)
			.executeTakeFirst();
		expect(link?.delivery_id).toBe(record.id);
		expect((await listed()).map((r) => r.id)).not.toContain(record.id);
		// Again (a second tab, the button pressed twice): stale, and nothing more is counted.
		expect(await countSetAsideRecord(db, lead, record.id, at(32))).toBe('stale');
		expect(await dayTotal()).toBe(before + 1);
		expect(await audit(record.id)).toEqual([
			{ action: 'heldRecord.setAside', actor_id: lead.id },
			{ action: 'heldRecord.countedAfterSetAside', actor_id: lead.id }
		]);
		// Sent again by the tablet: the record it now is.
		const [again] = await applyChanges(db, nurse, [recordChange(record)], now, {
			understandsHeld: true
		});
		expect(again).toEqual({ id: record.id, status: 'duplicate' });
	});

	it('of two counts at once, exactly one is made', async () => {
		const record = await held();
		await setAsideHeldRecord(db, lead, record.id, 'recordedByMistake', at(40));
		const results = await Promise.all([
			countSetAsideRecord(db, lead, record.id, at(41)),
			countSetAsideRecord(db, lead, record.id, at(41))
		]);
		expect(results.sort()).toEqual(['counted', 'stale']);
		expect(
			await db.selectFrom('delivery_record').select('id').where('id', '=', record.id).execute()
		).toHaveLength(1);
		expect((await audit(record.id)).map((a) => a.action)).toEqual([
			'heldRecord.setAside',
			'heldRecord.countedAfterSetAside'
		]);
	});

	it('refuses one undone on the ward, one still waiting, and another organisation’s', async () => {
		const [undone, waiting, setAside] = [await held(), await held(), await held()];
		await applyChanges(db, nurse, [undoChange(undone)], now, { understandsHeld: true });
		await setAsideHeldRecord(db, lead, setAside.id, 'trainingOrTest', at(50));
		expect(await countSetAsideRecord(db, lead, undone.id, at(51))).toBe('undoneOnWard');
		// Waiting is counted from the held list (countHeldRecord), not as one set aside.
		expect(await countSetAsideRecord(db, lead, waiting.id, at(51))).toBe('stale');
		expect((await listHeldRecords(db, lead.organisationId)).map((r) => r.id)).toContain(waiting.id);
		expect(await countSetAsideRecord(db, otherLead, setAside.id, at(51))).toBe('notFound');
		expect(await countSetAsideRecord(db, lead, crypto.randomUUID(), at(51))).toBe('notFound');
		for (const r of [undone, waiting, setAside])
			expect(
				await db.selectFrom('delivery_record').select('id').where('id', '=', r.id).execute()
			).toEqual([]);
		expect((await listed()).map((r) => r.id)).toEqual(
			expect.arrayContaining([undone.id, setAside.id])
		);
	});

	it('makes one undone on the ward when the undo arrives after a lead set it aside: never counted after all', async () => {
		// The record reached the server; its undo waited on the tablet (a failed sync) while the
		// lead set the record aside.
		const record = await held();
		await setAsideHeldRecord(db, lead, record.id, 'recordedByMistake', at(60));
		const [undo] = await applyChanges(db, nurse, [undoChange(record)], now, {
			understandsHeld: true
		});
		expect(undo).toEqual({ id: expect.any(String), status: 'accepted' });
		expect((await listed()).find((r) => r.id === record.id)).toMatchObject({
			setAsideBy: 'Wyn Ward Nurse',
			why: { kind: 'undoneOnWard' }
		});
		expect(await countSetAsideRecord(db, lead, record.id, at(61))).toBe('undoneOnWard');
		expect(
			await db.selectFrom('delivery_record').select('id').where('id', '=', record.id).execute()
		).toEqual([]);
		// Sent again (its answer was lost): the same, nothing more changed.
		const [again] = await applyChanges(db, nurse, [undoChange(record)], now, {
			understandsHeld: true
		});
		expect(again?.status).toBe('duplicate');
	});
});
