import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { deliveryOutcomes, type DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { applyChanges } from '../sync/apply-changes';
import { openDemoDatabase } from '../test-support/demo-database';
import { testEngine } from '../test-support/test-database';
import {
	demoWardCatalogue,
	recordChange,
	wardRecord,
	type WardCatalogue
} from '../test-support/ward-records';
import { recountDays, recountOrganisation } from './day-counts';
import { correctDelivery } from './delivery-corrections';
import { measureSeries } from './measurement';
import { setOrganisationTimeZone } from './organisations';

/*
 * Each write of delivery_record keeps measure_day_count true in its own transaction
 * (day-counts.ts): after every write below, the stored counts equal a count of the records.
 */

const now = new Date('2026-11-26T12:00:00Z');
let db: Db;
let nurse: StaffAccount;
let lead: StaffAccount;
let catalogue: WardCatalogue;

beforeEach(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	nurse = await demo.account('ward7@demo.example');
	lead = await demo.account('lead@demo.example');
	catalogue = await demoWardCatalogue(db);
});

const record = (recordedAt: string, changes: Partial<DeliveryRecordInput> = {}) => ({
	...wardRecord(catalogue, new Date(recordedAt)),
	recordedAt,
	...changes
});

/** The stored day counts, and the same counted now from the records, by day. */
async function storedAndRecounted(day: string) {
	const stored = await db
		.selectFrom('measure_day_count')
		.select(['day', 'total', 'given', 'talked_through', 'teach_back'])
		.where('organisation_id', '=', nurse.organisationId)
		.where('day', '=', day)
		.execute();
	const recounted = await db
		.selectFrom('delivery_record')
		.select([
			'recorded_day as day',
			sql<number>`count(*)`.as('total'),
			sql<number>`sum(case when outcome in ('delivered', 'partly') then 1 else 0 end)`.as('given')
		])
		.where('organisation_id', '=', nurse.organisationId)
		.where('recorded_day', '=', day)
		.where('voided_at', 'is', null)
		.groupBy('recorded_day')
		.execute();
	const sum = (rows: Array<{ total: number; given: number }>) => ({
		total: rows.reduce((n, r) => n + Number(r.total), 0),
		given: rows.reduce((n, r) => n + Number(r.given), 0)
	});
	return { stored: sum(stored), recounted: sum(recounted) };
}

describe('day counts, kept as records are written', () => {
	it('follow a sync batch, an undo in a later batch, and a correction', async () => {
		const day = '2026-11-25';
		const before = await storedAndRecounted(day);
		const first = record(`${day}T11:00:00.000Z`);
		const second = record(`${day}T10:00:00.000Z`, { outcome: 'declined', teachBack: null });
		const sent = (payload: DeliveryRecordInput) => ({
			id: payload.id,
			kind: 'deliveryRecord' as const,
			payload
		});
		await applyChanges(db, nurse, [sent(first), sent(second)], new Date(`${day}T11:01:00Z`));
		let now = await storedAndRecounted(day);
		expect(now.stored).toEqual({ total: before.stored.total + 2, given: before.stored.given + 1 });
		expect(now.stored).toEqual(now.recounted);

		const undo = {
			id: uuidv7(),
			kind: 'deliveryUndo' as const,
			payload: { deliveryId: first.id, undoneAt: `${day}T11:00:30.000Z` }
		};
		expect((await applyChanges(db, nurse, [undo], new Date(`${day}T11:01:10Z`)))[0]?.status).toBe(
			'accepted'
		);
		now = await storedAndRecounted(day);
		expect(now.stored).toEqual({ total: before.stored.total + 1, given: before.stored.given });
		expect(now.stored).toEqual(now.recounted);

		expect(
			await correctDelivery(db, lead, second.id, {
				outcome: 'delivered',
				talkedThrough: null,
				interpreterUsed: false,
				carerPresent: false,
				teachBack: null,
				languageNeeded: null
			})
		).toBe('corrected');
		now = await storedAndRecounted(day);
		expect(now.stored).toEqual({ total: before.stored.total + 1, given: before.stored.given + 1 });
		expect(now.stored).toEqual(now.recounted);
	});

	it('add a batch of every kind of answer in the same pass as a recount would count it', async () => {
		const answers = [true, false, null];
		const teachBacks = ['confirmed', 'partly', 'notDone', null] as const;
		const records = deliveryOutcomes.flatMap((outcome, o) =>
			answers.flatMap((talkedThrough, a) =>
				teachBacks.map((teachBack, t) =>
					record(`2026-11-2${(o + a + t) % 3}T0${t}:1${a}:00.000Z`, {
						outcome,
						talkedThrough,
						teachBack
					})
				)
			)
		);
		const changes = records.map(recordChange);
		// A record twice in one batch, and the whole batch retried: each counted once.
		const results = await applyChanges(db, nurse, [...changes, changes[0]!], now);
		expect(results.filter((r) => r.status === 'accepted')).toHaveLength(records.length);
		await applyChanges(db, nurse, changes, now);

		const snapshot = () =>
			db
				.selectFrom('measure_day_count')
				.selectAll()
				.orderBy('day')
				.orderBy('patient_group_id')
				.orderBy('format')
				.execute();
		const added = await snapshot();
		await db.transaction().execute((trx) => recountOrganisation(trx, nurse.organisationId));
		expect(added).toEqual(await snapshot());
		expect(added.filter((r) => r.day >= '2026-11-20' && r.day <= '2026-11-22')).not.toEqual([]);
	});

	it('count both of two writers of the same new day, the second waiting for the first', async () => {
		// Both used to insert the day's first row on PostgreSQL, and the second failed on the
		// primary key (day-counts.ts, invariant 3). On a server the two transactions run on two
		// connections: the second is let run until it waits on a lock, then the first commits.
		// SQLite and PGlite run one transaction at a time: there, one after the other.
		const day = '2026-12-24';
		const organisationId = nurse.organisationId;
		const template = record('2026-11-20T09:00:00.000Z');
		await applyChanges(
			db,
			nurse,
			[{ id: template.id, kind: 'deliveryRecord', payload: template }],
			now
		);
		const write = async (trx: Db) => {
			await sql`insert into delivery_record (id, organisation_id, ward_id, patient_group_id,
				briefing_id, version_id, format, language, outcome, talked_through, interpreter_used,
				carer_present, teach_back, recorded_at, recorded_day, received_at, recorded_by)
				select ${uuidv7()}, organisation_id, ward_id, patient_group_id, briefing_id, version_id,
				format, language, outcome, talked_through, interpreter_used, carer_present, teach_back,
				recorded_at, ${day}, received_at, recorded_by
				from delivery_record where id = ${template.id}`.execute(trx);
			await recountDays(trx, [{ organisationId, day }]);
		};
		const first = await db.startTransaction().execute();
		await write(first);
		if (testEngine === 'postgres' && inject('testDatabase').kind === 'server') {
			const second = db.transaction().execute(write);
			const waiting = async () =>
				(
					await sql<{ n: number }>`select count(*) as n from pg_stat_activity
						where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
				).rows[0]?.n;
			while (!(await waiting())) await Promise.race([second, Promise.resolve()]);
			await first.commit().execute();
			await second;
		} else {
			await first.commit().execute();
			await db.transaction().execute(write);
		}
		const after = await storedAndRecounted(day);
		expect(after.stored.total).toBe(2);
		expect(after.stored).toEqual(after.recounted);
	});

	it('move with the records when the organisation changes its time zone', async () => {
		// 23:30 UTC on 24 November is the 25th in Sydney.
		const late = record('2026-11-24T23:30:00.000Z');
		await applyChanges(db, nurse, [{ id: late.id, kind: 'deliveryRecord', payload: late }], now);
		const before24 = await storedAndRecounted('2026-11-24');
		const before25 = await storedAndRecounted('2026-11-25');
		await setOrganisationTimeZone(db, nurse.organisationId, 'Australia/Sydney');
		const after24 = await storedAndRecounted('2026-11-24');
		const after25 = await storedAndRecounted('2026-11-25');
		expect(after24.stored).toEqual(after24.recounted);
		expect(after25.stored).toEqual(after25.recounted);
		expect(after24.stored.total + after25.stored.total).toBeGreaterThan(0);
		// The late record left the 24th for the 25th (with every other record's own move).
		expect(after24.stored).not.toEqual(before24.stored);
		expect(after25.stored).not.toEqual(before25.stored);
	});

	it('are read without writing: a chart read leaves the table as it was', async () => {
		const snapshot = () =>
			db
				.selectFrom('measure_day_count')
				.selectAll()
				.orderBy(['day', 'patient_group_id', 'format'])
				.execute();
		const before = await snapshot();
		await measureSeries(db, nurse.organisationId, { slice: {}, kind: 'week', today: '2026-11-26' });
		expect(await snapshot()).toEqual(before);
	});
});
