import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { ChangeResult, SyncChange } from '$lib/domain/sync';
import type { Db } from '../db/database';
import { correctDelivery } from '../repositories/delivery-corrections';
import { seedDemo } from '../seed/demo';
import { openTestDatabasePair } from '../test-support/test-database';
import {
	demoWardCatalogue,
	recordChange,
	undoChange,
	wardRecord,
	type WardCatalogue
} from '../test-support/ward-records';
import { applyChanges } from './apply-changes';
import { staffAccountByEmail } from '../test-support/accounts';

/*
 * Two app servers on one database (issue 14, item 4): `a` and `b` are two handles with their own
 * connections (test-database.ts), and each step fires its work through both at once.
 * - The same batch (records, two with a patient token, and an undo) reaching both servers, as a
 *   retried request behind a load balancer does: each change is accepted by exactly one of
 *   them and answered `duplicate` by the other, so the device drops it either way. A device's
 *   batch of 20 sent to both, many times over: never an error (a unique index other than the
 *   insert's conflict target once failed one server's batch now and then).
 * - Two devices' different batches for the same day, and a lead's correction of that day, at
 *   the same moment: all stored, and the day counts equal a count of the records.
 */

const ROUNDS = 4;
const SLOW = 60_000;
const start = new Date('2026-11-20T08:00:00Z');

let a: Db;
let b: Db;
let nurse: StaffAccount;
let lead: StaffAccount;
let catalogue: WardCatalogue;

beforeAll(async () => {
	[a, b] = await openTestDatabasePair();
	await seedDemo(a, start);
	const account = (email: string) => staffAccountByEmail(b, email);
	nurse = await account('ward7@demo.example');
	lead = await account('lead@demo.example');
	catalogue = await demoWardCatalogue(b);
}, SLOW);

afterAll(async () => {
	await b.destroy();
	await a.destroy();
});

/** The day counts as stored, and as counted now from the records: they must be equal. */
async function dayCounts(db: Db) {
	const stored = await db
		.selectFrom('measure_day_count')
		.select(['day', 'patient_group_id', 'format', 'total', 'given', 'talked_through'])
		.where('organisation_id', '=', nurse.organisationId)
		.orderBy('day')
		.orderBy('patient_group_id')
		.orderBy('format')
		.execute();
	const recounted = await db
		.selectFrom('delivery_record')
		.select([
			'recorded_day as day',
			'patient_group_id',
			'format',
			sql<number>`count(*)`.as('total'),
			sql<number>`sum(case when outcome in ('delivered', 'partly') then 1 else 0 end)`.as('given'),
			sql<number>`sum(case when outcome in ('delivered', 'partly') and talked_through = 1
				then 1 else 0 end)`.as('talked_through')
		])
		.where('organisation_id', '=', nurse.organisationId)
		.where('voided_at', 'is', null)
		.groupBy(['recorded_day', 'patient_group_id', 'format'])
		.orderBy('recorded_day')
		.orderBy('patient_group_id')
		.orderBy('format')
		.execute();
	const numbers = (rows: Array<Record<string, unknown>>) =>
		rows.map((r) => ({
			...r,
			total: Number(r.total),
			given: Number(r.given),
			talked_through: Number(r.talked_through)
		}));
	return { stored: numbers(stored), recounted: numbers(recounted) };
}

describe('two servers on one database', () => {
	it(
		'store each record and undo once, and keep the day counts true',
		async () => {
			const records: DeliveryRecordInput[] = [];
			const undone: string[] = [];
			const corrected: string[] = [];
			let clock = start.getTime();
			const at = () => new Date((clock += 60_000));
			const newRecord = (token = false) => {
				const r = wardRecord(catalogue, at(), token);
				records.push(r);
				return r;
			};

			for (let round = 0; round < ROUNDS; round++) {
				// One batch, sent to both servers at once.
				const batch = [newRecord(), newRecord(true), newRecord(true), newRecord()];
				const undo = undoChange(batch[0] as DeliveryRecordInput);
				undone.push((batch[0] as DeliveryRecordInput).id);
				const changes: SyncChange[] = [...batch.map(recordChange), undo];
				const now = at();
				const answers = await Promise.all([
					applyChanges(a, nurse, changes, now),
					applyChanges(b, nurse, changes, now)
				]);
				changes.forEach((change, i) => {
					const statuses = answers.map((results) => results[i]?.status).sort();
					expect({ change: change.id, statuses }).toEqual({
						change: change.id,
						statuses: ['accepted', 'duplicate']
					});
				});

				// Two devices' own batches for the same day, and a lead correcting a record of it.
				const own = (): SyncChange[] => [newRecord(), newRecord()].map(recordChange);
				const target = batch[1] as DeliveryRecordInput;
				corrected.push(target.id);
				const later = at();
				const [first, second, correction] = await Promise.all([
					applyChanges(a, nurse, own(), later),
					applyChanges(b, nurse, own(), later),
					correctDelivery(
						round % 2 ? a : b,
						lead,
						target.id,
						{
							outcome: 'declined',
							talkedThrough: null,
							interpreterUsed: null,
							carerPresent: null,
							teachBack: null,
							languageNeeded: null
						},
						later
					)
				]);
				const accepted = (results: ChangeResult[]) => results.map((r) => r.status);
				expect([...accepted(first), ...accepted(second)]).toEqual(Array(4).fill('accepted'));
				expect(correction).toBe('corrected');
			}

			const ids = records.map((r) => r.id).sort();
			const stored = await a
				.selectFrom('delivery_record')
				.select(['id', 'voided_at', 'outcome'])
				.where('id', 'in', ids)
				.orderBy('id')
				.execute();
			expect(stored.map((r) => r.id)).toEqual(ids);
			expect(stored.filter((r) => r.voided_at).map((r) => r.id)).toEqual([...undone].sort());
			expect(stored.filter((r) => r.outcome === 'declined').map((r) => r.id)).toEqual(
				[...corrected].sort()
			);
			const undos = await a
				.selectFrom('delivery_record_revision')
				.select('delivery_id')
				.where('change', '=', 'undo')
				.orderBy('delivery_id')
				.execute();
			expect(undos.map((r) => r.delivery_id)).toEqual([...undone].sort());
			const links = await a.selectFrom('patient_link').select('delivery_id').execute();
			expect(links.map((l) => l.delivery_id).sort()).toEqual(
				records
					.filter((r) => r.patientToken)
					.map((r) => r.id)
					.sort()
			);

			const { stored: counts, recounted } = await dayCounts(b);
			expect(counts.reduce((n, r) => n + r.total, 0)).toBe(records.length - undone.length);
			expect(counts).toEqual(recounted);
		},
		SLOW
	);

	it(
		'answer the same 20-record batch, sent to both at once, without an error, again and again',
		async () => {
			let clock = start.getTime() + 86_400_000;
			const failures: unknown[] = [];
			let accepted = 0;
			for (let round = 0; round < 300; round++) {
				const changes = Array.from({ length: 20 }, (_, i) =>
					recordChange(wardRecord(catalogue, new Date((clock += 60_000)), i % 2 === 0))
				);
				const now = new Date(clock);
				const answers = await Promise.allSettled([
					applyChanges(a, nurse, changes, now),
					applyChanges(b, nurse, changes, now)
				]);
				for (const answer of answers)
					if (answer.status === 'rejected') failures.push(answer.reason);
					else accepted += answer.value.filter((r) => r.status === 'accepted').length;
			}
			expect(failures).toEqual([]);
			expect(accepted).toBe(300 * 20);
		},
		SLOW
	);
});
