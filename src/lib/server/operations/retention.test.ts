import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '$lib/domain/local-time';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { recountDays } from '../repositories/day-counts';
import { setOrganisationTimeZone } from '../repositories/organisations';
import { applyChanges } from '../sync/apply-changes';
import { openDemoDatabase } from '../test-support/demo-database';
import { failInsertsInto, stopFailingInserts } from '../test-support/test-database';
import { demoWardCatalogue, recordChange, wardRecord } from '../test-support/ward-records';
import {
	applyRetention,
	expiringUnder,
	recentRetentionRuns,
	yearsBeforeDay,
	yearsBeforeInstant
} from './retention';

/*
 * The demo organisation, with a month of records around 2026-08-26. Its limits are set to one
 * year and the job is run as if on 2027-08-26: records and feedback of days before 2026-08-26
 * go, later ones stay, and the day counts of every day stay as they were.
 */

const seededAt = new Date('2026-11-26T12:00:00Z');
const runAt = new Date('2027-08-26T03:00:00Z');
const cut = '2026-08-26';
let db: Db;
let nurse: StaffAccount;
let org: string;

beforeEach(async () => {
	const demo = await openDemoDatabase(seededAt);
	db = demo.db;
	nurse = await demo.account('ward7@demo.example');
	org = nurse.organisationId;
	const lead = await demo.account('lead@demo.example');
	// 30 records a day apart either side of the cut, each with a patient link, a view of it and
	// feedback from it, and an audit entry a day.
	const catalogue = await demoWardCatalogue(db);
	for (let i = -15; i < 15; i++) {
		const at = new Date(Date.parse(`${cut}T10:00:00Z`) + i * 86_400_000);
		const record = wardRecord(catalogue, at, true);
		await applyChanges(db, nurse, [recordChange(record)], new Date(at.getTime() + 60_000));
		const link = await db
			.selectFrom('patient_link')
			.select(['token_hash', 'created_at'])
			.where('delivery_id', '=', record.id)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('patient_view_event')
			.values({
				token_hash: link.token_hash,
				organisation_id: org,
				event: 'opened',
				at: link.created_at
			})
			.execute();
		await db
			.insertInto('feedback')
			.values({
				id: uuidv7(),
				organisation_id: org,
				briefing_id: catalogue.briefingId,
				version_id: catalogue.versionId,
				delivery_id: record.id,
				language: 'en',
				overall: 'yes',
				knows_how_to_get_help: 'yes',
				able_to_ask_hand_hygiene: 'yes',
				free_text: null,
				received_at: new Date(at.getTime() + 3_600_000).toISOString(),
				received_day: localDay(at, 'Europe/London'),
				token_hash: link.token_hash,
				updated_at: null
			})
			.execute();
		await recordAudit(
			db,
			{
				organisationId: org,
				actorId: lead.id,
				action: 'created',
				subjectType: 'aim',
				subjectId: uuidv7(),
				detail: {}
			},
			at
		);
	}
});

const limits = (records: number, feedback: number, audit: number) =>
	db
		.updateTable('organisation')
		.set({
			retain_records_years: records,
			retain_feedback_years: feedback,
			retain_audit_years: audit
		})
		.where('id', '=', org)
		.execute();

const count = async (
	table: 'delivery_record' | 'feedback' | 'audit_event' | 'patient_link' | 'patient_view_event',
	where?: (q: ReturnType<typeof base>) => ReturnType<typeof base>
) => {
	let q = base(table);
	if (where) q = where(q);
	const row = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
};
const base = (
	table: 'delivery_record' | 'feedback' | 'audit_event' | 'patient_link' | 'patient_view_event'
) => db.selectFrom(table).where('organisation_id', '=', org);

/** Every day's counted total, as the measures read them. */
const dayTotals = async () =>
	Object.fromEntries(
		(
			await db
				.selectFrom('measure_day_count')
				.select(['day', sql<number>`sum(total)`.as('total')])
				.where('organisation_id', '=', org)
				.groupBy('day')
				.orderBy('day')
				.execute()
		).map((r) => [r.day, Number(r.total)])
	);

describe('retention', () => {
	it('deletes records and feedback of days before the cut, in batches, and keeps the day counts', async () => {
		await limits(1, 1, 10);
		const recordsBefore = await count('delivery_record', (q) => q.where('recorded_day', '<', cut));
		const recordsKept = await count('delivery_record', (q) => q.where('recorded_day', '>=', cut));
		const feedbackBefore = await count('feedback', (q) => q.where('received_day', '<', cut));
		const feedbackKept = await count('feedback', (q) => q.where('received_day', '>=', cut));
		expect(recordsBefore).toBe(15);
		expect(recordsKept).toBeGreaterThanOrEqual(15);
		expect(feedbackBefore).toBe(15);
		const totals = await dayTotals();
		expect(Object.keys(totals).some((day) => day < cut)).toBe(true);

		// Batches of 4: the run's row adds up four batches of each.
		const [summary, ...others] = await applyRetention(db, runAt, { batchSize: 4 });
		expect(others).toEqual([]);
		expect(summary).toEqual({
			organisationId: org,
			recordsBeforeDay: cut,
			feedbackBeforeDay: cut,
			auditBefore: '2017-08-26T03:00:00.000Z',
			recordsDeleted: recordsBefore,
			feedbackDeleted: feedbackBefore,
			auditDeleted: 0
		});
		expect(await count('delivery_record', (q) => q.where('recorded_day', '<', cut))).toBe(0);
		expect(await count('delivery_record')).toBe(recordsKept);
		expect(await count('feedback')).toBe(feedbackKept);
		// The old records' links and views went with them; the kept ones' stayed.
		expect(await count('patient_link')).toBe(15);
		expect(await count('patient_view_event')).toBe(15);
		// The measures keep their history.
		expect(await dayTotals()).toEqual(totals);
		const runs = await recentRetentionRuns(db, org);
		expect(runs.map((r) => [r.records_deleted, r.feedback_deleted, r.records_before_day])).toEqual([
			[recordsBefore, feedbackBefore, cut]
		]);

		// Run again: nothing left to delete, and no second row.
		expect(await applyRetention(db, runAt)).toEqual([]);
		expect(await recentRetentionRuns(db, org)).toHaveLength(1);
	});

	it('deletes nothing that its run record cannot count: both commit together', async () => {
		await limits(1, 1, 10);
		await failInsertsInto(db, 'retention_run', 'no room for the run record');
		await expect(applyRetention(db, runAt, { batchSize: 4 })).rejects.toThrow(
			'no room for the run record'
		);
		expect(await count('delivery_record', (q) => q.where('recorded_day', '<', cut))).toBe(15);
		expect(await recentRetentionRuns(db, org)).toEqual([]);

		await stopFailingInserts(db, 'retention_run');
		const [summary] = await applyRetention(db, runAt, { batchSize: 4 });
		expect(summary).toMatchObject({ recordsDeleted: 15, feedbackDeleted: 15 });
		const runs = await recentRetentionRuns(db, org);
		expect(runs.map((r) => [r.records_deleted, r.feedback_deleted, r.audit_deleted])).toEqual([
			[15, 15, 0]
		]);
	});

	it('keeps the counts of deleted days through later recounts', async () => {
		await limits(1, 1, 10);
		const totals = await dayTotals();
		await applyRetention(db, runAt);
		const oldDay = Object.keys(totals).find((day) => day < cut)!;
		// A recount of a deleted day (no records now) leaves it alone…
		await db
			.transaction()
			.execute((trx) => recountDays(trx, [{ organisationId: org, day: oldDay }]));
		expect((await dayTotals())[oldDay]).toBe(totals[oldDay]);
		// …and so does recounting the whole organisation for a new time zone.
		await db.transaction().execute((trx) => setOrganisationTimeZone(trx, org, 'Europe/Dublin'));
		const after = await dayTotals();
		for (const [day, total] of Object.entries(totals))
			if (day < cut) expect(after[day]).toBe(total);
		expect(
			Object.entries(after)
				.filter(([day]) => day >= cut)
				.reduce((n, [, t]) => n + t, 0)
		).toBe(await count('delivery_record', (q) => q.where('voided_at', 'is', null)));
	});

	it('deletes audit entries older than their own limit, and only this organisation\u2019s', async () => {
		const before = await count('audit_event');
		expect(before).toBeGreaterThan(0);
		const others = await db
			.selectFrom('audit_event')
			.select(sql<number>`count(*)`.as('n'))
			.where('organisation_id', '!=', org)
			.executeTakeFirstOrThrow();
		await limits(5, 5, 1);
		expect(before).toBeGreaterThanOrEqual(30);
		// A year after the last entry was written: the seed's own (sharing a briefing with the
		// library, on the day it seeded), after the 30 a day apart around the cut.
		const [summary] = await applyRetention(db, new Date('2027-11-27T12:00:00Z'));
		expect(summary).toMatchObject({ organisationId: org, auditDeleted: before, recordsDeleted: 0 });
		expect(await count('audit_event')).toBe(0);
		const othersAfter = await db
			.selectFrom('audit_event')
			.select(sql<number>`count(*)`.as('n'))
			.where('organisation_id', '!=', org)
			.executeTakeFirstOrThrow();
		expect(Number(othersAfter.n)).toBe(Number(others.n));
	});

	it('counts ahead of a run exactly what that run deletes: each kind asked, at its cut', async () => {
		const shorter = { records: 1, feedback: 1, audit: 1 };
		const kinds = ['records', 'feedback', 'audit'] as const;
		const expiring = await expiringUnder(db, org, shorter, kinds, runAt);
		expect(expiring.map((e) => [e.kind, e.before])).toEqual([
			['records', cut],
			['feedback', cut],
			['audit', '2026-08-26T03:00:00.000Z']
		]);
		expect(await expiringUnder(db, org, shorter, ['feedback'], runAt)).toEqual([expiring[1]]);
		// Under the limits it keeps now (the defaults), nothing.
		expect(
			(await expiringUnder(db, org, { records: 5, feedback: 5, audit: 6 }, kinds, runAt)).map(
				(e) => e.count
			)
		).toEqual([0, 0, 0]);

		// Counting saved nothing; with the shorter limits saved, the run deletes what was counted.
		expect(await applyRetention(db, runAt)).toEqual([]);
		await limits(1, 1, 1);
		const [summary] = await applyRetention(db, runAt, { batchSize: 4 });
		expect(expiring.map((e) => e.count)).toEqual([
			summary?.recordsDeleted,
			summary?.feedbackDeleted,
			summary?.auditDeleted
		]);
		expect(expiring.map((e) => e.count)).toEqual([15, 15, 15]);
		expect((await expiringUnder(db, org, shorter, kinds, runAt)).map((e) => e.count)).toEqual([
			0, 0, 0
		]);
	});

	it('with the defaults, deletes nothing of a recent history', async () => {
		expect(await applyRetention(db, runAt)).toEqual([]);
	});
});

describe('the cut', () => {
	it('is the same calendar day, years earlier; 29 February keeps a day more', () => {
		expect(yearsBeforeDay('2027-08-26', 5)).toBe('2022-08-26');
		expect(yearsBeforeDay('2028-02-29', 1)).toBe('2027-02-28');
		expect(yearsBeforeDay('2028-02-29', 4)).toBe('2024-02-29');
		expect(yearsBeforeInstant(new Date('2027-01-01T00:30:00Z'), 6)).toBe(
			'2021-01-01T00:30:00.000Z'
		);
	});
});
