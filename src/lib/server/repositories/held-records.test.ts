import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { applyRetention, expiringUnder } from '../operations/retention';
import {
	demoWithRetiredVersion,
	holdRecord,
	otherOrganisationLead,
	type HeldRecordsDemo
} from '../test-support/held-records';
import {
	countHeldGroup,
	countHeldRecord,
	countHeldRecords,
	listHeldGroups,
	listHeldRecords,
	setAsideHeldGroup,
	setAsideHeldRecord
} from './held-records';

const now = new Date('2026-12-03T10:00:00Z');
const minute = 60_000;

/** The patient token's hash a held record keeps (null when it came without one). */
const heldTokenHash = async (db: Db, id: string) =>
	(
		await db
			.selectFrom('held_delivery_record')
			.select('patient_token_hash')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	).patient_token_hash;

describe('records held for the lead', () => {
	let demo: HeldRecordsDemo;
	let db: Db;
	let nurse: StaffAccount;
	let lead: StaffAccount;
	let otherLead: StaffAccount;
	const retiredAt = new Date(now.getTime() - 60 * minute);

	beforeAll(async () => {
		demo = await demoWithRetiredVersion(now, retiredAt);
		({ db, nurse, lead } = demo);
		otherLead = await otherOrganisationLead(db, now);
	}, 20_000);
	afterAll(() => db.destroy());

	/** A record of the retired version, held; resolves with its id. */
	const held = async (offsetMinutes = 1, token = false): Promise<string> =>
		(await holdRecord(demo, new Date(retiredAt.getTime() + offsetMinutes * minute), now, token)).id;
	const dayTotal = async (day: string) =>
		(
			await db
				.selectFrom('measure_day_count')
				.select((eb) => eb.fn.sum<number | string>('total').as('n'))
				.where('organisation_id', '=', lead.organisationId)
				.where('day', '=', day)
				.executeTakeFirstOrThrow()
		).n;
	const audit = (id: string) =>
		db
			.selectFrom('audit_event')
			.select(['action', 'actor_id', 'organisation_id'])
			.where('subject_id', '=', id)
			.execute();

	it('lists what waits, in plain fields, for its own organisation only', async () => {
		const id = await held(2);
		expect(await countHeldRecords(db, lead.organisationId)).toBeGreaterThanOrEqual(1);
		const listed = (await listHeldRecords(db, lead.organisationId)).find((r) => r.id === id);
		expect(listed).toMatchObject({
			wardName: 'Ward 7',
			recordedDay: '2026-12-03',
			format: 'leaflet',
			language: 'en',
			outcome: 'delivered',
			reason: 'versionNotPublished'
		});
		expect(await listHeldRecords(db, otherLead.organisationId)).toEqual([]);
		expect(await countHeldRecords(db, otherLead.organisationId)).toBe(0);
	});

	it('counts one: a delivery record exactly as recorded, in the measures, audited', async () => {
		const id = await held(3, true);
		const before = Number((await dayTotal('2026-12-03')) ?? 0);
		const heldRow = await db
			.selectFrom('held_delivery_record')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(await countHeldRecord(db, lead, id, now)).toBe('counted');
		const record = await db
			.selectFrom('delivery_record')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(record).toMatchObject({
			ward_id: heldRow.ward_id,
			version_id: heldRow.version_id,
			recorded_at: heldRow.recorded_at,
			recorded_day: '2026-12-03',
			received_at: heldRow.received_at,
			recorded_by: nurse.id,
			outcome: 'delivered',
			voided_at: null
		});
		expect(Number(await dayTotal('2026-12-03'))).toBe(before + 1);
		const link = await db
			.selectFrom('patient_link')
			.select('delivery_id')
			.where('token_hash', '=', heldRow.patient_token_hash!)
			.executeTakeFirst();
		expect(link?.delivery_id).toBe(id);
		expect(await audit(id)).toEqual([
			{ action: 'heldRecord.counted', actor_id: lead.id, organisation_id: lead.organisationId }
		]);
		expect((await listHeldRecords(db, lead.organisationId)).map((r) => r.id)).not.toContain(id);
	});

	it('sets one aside: off the list, never counted, its token hash kept for a count after all, audited', async () => {
		const id = await held(4, true);
		const before = await dayTotal('2026-12-03');
		const tokenHash = await heldTokenHash(db, id);
		expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(await setAsideHeldRecord(db, lead, id, 'recordedByMistake', now)).toBe('setAside');
		const row = await db
			.selectFrom('held_delivery_record')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			set_aside_by: lead.id,
			set_aside_reason: 'recordedByMistake',
			patient_token_hash: tokenHash
		});
		expect(await dayTotal('2026-12-03')).toEqual(before);
		expect((await listHeldRecords(db, lead.organisationId)).map((r) => r.id)).not.toContain(id);
		expect(await audit(id)).toEqual([
			{ action: 'heldRecord.setAside', actor_id: lead.id, organisation_id: lead.organisationId }
		]);
	});

	it('gives another organisation’s lead nothing: not found, nothing changed', async () => {
		const id = await held(5);
		expect(await countHeldRecord(db, otherLead, id, now)).toBe('notFound');
		expect(await setAsideHeldRecord(db, otherLead, id, 'trainingOrTest', now)).toBe('notFound');
		expect((await listHeldRecords(db, lead.organisationId)).map((r) => r.id)).toContain(id);
		expect(await audit(id)).toEqual([]);
	});

	it('refuses a stale decision: one already counted or set aside by someone else', async () => {
		const counted = await held(6);
		const setAside = await held(7);
		expect(await countHeldRecord(db, lead, counted, now)).toBe('counted');
		expect(await setAsideHeldRecord(db, lead, setAside, 'alreadyCounted', now)).toBe('setAside');
		expect(await countHeldRecord(db, lead, counted, now)).toBe('stale');
		expect(await setAsideHeldRecord(db, lead, counted, 'alreadyCounted', now)).toBe('stale');
		expect(await countHeldRecord(db, lead, setAside, now)).toBe('stale');
		expect(await setAsideHeldRecord(db, lead, setAside, 'other', now)).toBe('stale');
		expect(await audit(counted)).toHaveLength(1);
		expect(await audit(setAside)).toHaveLength(1);
	});

	it('of two decisions at once, exactly one is made', async () => {
		const id = await held(8);
		const results = await Promise.all([
			countHeldRecord(db, lead, id, now),
			setAsideHeldRecord(db, lead, id, 'trainingOrTest', now)
		]);
		expect(results.filter((r) => r === 'stale')).toHaveLength(1);
		expect(await audit(id)).toHaveLength(1);
	});

	it('falls under the delivery records’ retention, counted with them', async () => {
		const id = await held(9);
		const years = 6;
		const later = new Date(now.getTime());
		later.setUTCFullYear(later.getUTCFullYear() + years);
		const [records] = await expiringUnder(
			db,
			lead.organisationId,
			{ records: 5, feedback: 5, audit: 6 },
			['records'],
			later
		);
		const waiting = await db
			.selectFrom('held_delivery_record')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.where('organisation_id', '=', lead.organisationId)
			.executeTakeFirstOrThrow();
		const stored = await db
			.selectFrom('delivery_record')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.where('organisation_id', '=', lead.organisationId)
			.executeTakeFirstOrThrow();
		expect(records?.count).toBe(Number(waiting.n) + Number(stored.n));
		const [summary] = (await applyRetention(db, later)).filter(
			(s) => s.organisationId === lead.organisationId
		);
		expect(summary?.recordsDeleted).toBe(records?.count);
		expect(
			await db.selectFrom('held_delivery_record').select('id').where('id', '=', id).execute()
		).toEqual([]);
	});
});

describe('a run of held records counted in one go', () => {
	let demo: HeldRecordsDemo;
	let db: Db;
	let lead: StaffAccount;
	let otherLead: StaffAccount;
	const retiredAt = new Date(now.getTime() - 60 * minute);
	const later = new Date(now.getTime() + 5 * minute);

	beforeAll(async () => {
		demo = await demoWithRetiredVersion(now, retiredAt);
		({ db, lead } = demo);
		otherLead = await otherOrganisationLead(db, now);
	}, 20_000);
	afterAll(() => db.destroy());

	/** A record of the retired version, given `offset` minutes after it was retired, received `at`. */
	const held = async (offset: number, at = now, token = false) =>
		(await holdRecord(demo, new Date(retiredAt.getTime() + offset * minute), at, token)).id;
	const stored = (ids: string[]) =>
		db.selectFrom('delivery_record').select('id').where('id', 'in', ids).orderBy('id').execute();
	const audited = (ids: string[]) =>
		db
			.selectFrom('audit_event')
			.select(['subject_id', 'action'])
			.where('subject_id', 'in', ids)
			.execute();

	it('groups what waits by ward, version and reason, for its own organisation only', async () => {
		await held(1);
		await held(2, now, true);
		const [group, ...rest] = await listHeldGroups(db, lead.organisationId);
		expect(rest).toEqual([]);
		expect(group).toMatchObject({
			wardId: demo.catalogue.wardId,
			wardName: 'Ward 7',
			versionId: demo.catalogue.versionId,
			versionNumber: 1,
			reason: 'versionNotPublished',
			count: 2,
			through: now.toISOString()
		});
		expect(await listHeldGroups(db, otherLead.organisationId)).toEqual([]);
	});

	it('counts the run the lead saw, all in one transaction, each audited; a later one waits', async () => {
		const [seen] = await listHeldGroups(db, lead.organisationId);
		const ids = (await listHeldRecords(db, lead.organisationId)).map((r) => r.id);
		// Arrives after the lead looked: not what they decided on.
		const arrivedLater = await held(3, later);
		expect(await countHeldGroup(db, otherLead, seen!, later)).toBe('stale');
		expect(await countHeldGroup(db, lead, seen!, later)).toEqual({ counted: 2 });
		expect((await stored(ids)).map((r) => r.id)).toEqual([...ids].sort());
		expect(await audited(ids)).toHaveLength(2);
		expect(new Set((await audited(ids)).map((a) => a.action))).toEqual(
			new Set(['heldRecord.counted'])
		);
		// The one with a token is linked, as counting it alone would.
		const links = await db
			.selectFrom('patient_link')
			.select('delivery_id')
			.where('delivery_id', 'in', ids)
			.execute();
		expect(links).toHaveLength(1);
		expect((await listHeldRecords(db, lead.organisationId)).map((r) => r.id)).toEqual([
			arrivedLater
		]);
		// The same run again: it has changed (counted), so nothing more is counted.
		expect(await countHeldGroup(db, lead, seen!, later)).toBe('stale');
	});

	it('counts nothing when the run changed after the lead looked: one decided meanwhile', async () => {
		await held(4, later);
		const [seen] = await listHeldGroups(db, lead.organisationId);
		expect(seen?.count).toBe(2);
		const [first] = await listHeldRecords(db, lead.organisationId);
		expect(await setAsideHeldRecord(db, lead, first!.id, 'trainingOrTest', later)).toBe('setAside');
		const before = await countHeldRecords(db, lead.organisationId);
		expect(await countHeldGroup(db, lead, seen!, later)).toBe('stale');
		expect(await countHeldRecords(db, lead.organisationId)).toBe(before);
	});
	it('sets a run aside for one reason, each record off the list, its token hash kept, audited', async () => {
		const before = await countHeldRecords(db, lead.organisationId);
		const ids = [await held(5, later, true), await held(6, later)];
		const hashes = await Promise.all(ids.map((id) => heldTokenHash(db, id)));
		expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(hashes[1]).toBeNull();
		const [seen] = (await listHeldGroups(db, lead.organisationId)).filter(
			(g) => g.count === before + 2
		);
		expect(seen).toBeDefined();
		expect(await setAsideHeldGroup(db, otherLead, seen!, 'trainingOrTest', later)).toBe('stale');
		expect(await setAsideHeldGroup(db, lead, seen!, 'trainingOrTest', later)).toEqual({
			setAside: before + 2
		});
		expect(await countHeldRecords(db, lead.organisationId)).toBe(0);
		const rows = await db
			.selectFrom('held_delivery_record')
			.select(['id', 'set_aside_reason', 'set_aside_by', 'patient_token_hash'])
			.where('id', 'in', ids)
			.execute();
		expect(rows).toEqual(
			expect.arrayContaining(
				ids.map((id, i) => ({
					id,
					set_aside_reason: 'trainingOrTest',
					set_aside_by: lead.id,
					patient_token_hash: hashes[i]
				}))
			)
		);
		expect(rows).toHaveLength(ids.length);
		expect(await stored(ids)).toEqual([]);
		expect((await audited(ids)).map((a) => a.action)).toEqual([
			'heldRecord.setAside',
			'heldRecord.setAside'
		]);
		// Decided now: the same run again is stale, nothing changed.
		expect(await setAsideHeldGroup(db, lead, seen!, 'other reason', later)).toBe('stale');
	});
});
