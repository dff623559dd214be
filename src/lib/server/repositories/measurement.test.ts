import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { listAdmissions, saveAdmissions } from './admissions';
import { listAudit } from './audit';
import { equityInput } from './equity';
import { measureSeries } from './measurement';
import { createAim, listAims } from './aims';
import { recountDays } from './day-counts';
import { addAnnotation, listAnnotations } from './chart-notes';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 20_000;
const now = new Date('2026-11-26T09:00:00Z');

let db: Db;
let lead: StaffAccount;
let nurse: StaffAccount;
let ward7: string;
let ward12: string;
let groups: Array<{ id: string; preferred: string[] }>;
let version: { briefingId: string; versionId: string };

async function record(fields: {
	day: string;
	wardId?: string;
	groupIndex?: number;
	format?: string;
	outcome?: string;
	talkedThrough?: number;
	teachBack?: string;
	voided?: boolean;
}) {
	const group = groups[fields.groupIndex ?? 0];
	await db
		.insertInto('delivery_record')
		.values({
			id: uuidv7(),
			organisation_id: lead.organisationId,
			ward_id: fields.wardId ?? ward7,
			patient_group_id: group?.id ?? '',
			briefing_id: version.briefingId,
			version_id: version.versionId,
			format: fields.format ?? group?.preferred[0] ?? 'leaflet',
			language: 'en',
			outcome: fields.outcome ?? 'delivered',
			talked_through: fields.talkedThrough ?? 1,
			interpreter_used: 0,
			carer_present: 0,
			teach_back: fields.teachBack ?? 'confirmed',
			recorded_at: `${fields.day}T10:00:00.000Z`,
			recorded_day: fields.day,
			received_at: `${fields.day}T10:00:01.000Z`,
			recorded_by: nurse.id,
			voided_at: fields.voided ? `${fields.day}T10:00:30.000Z` : null,
			voided_by: fields.voided ? nurse.id : null
		})
		.execute();
	// As every writer of records does (day-counts.ts), in the same transaction there.
	await recountDays(db, [{ organisationId: lead.organisationId, day: fields.day }]);
}

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	nurse = await demo.account('ward7@demo.example');
	ward7 = await demo.wardId('Ward 7');
	ward12 = await demo.wardId('Ward 12');
	groups = (
		await db
			.selectFrom('patient_group')
			.select(['id', 'preferred_formats'])
			.orderBy('position')
			.execute()
	).map((g) => ({ id: g.id, preferred: JSON.parse(g.preferred_formats) as string[] }));
	version = await db
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
		.where('briefing_version.status', '=', 'published')
		.executeTakeFirstOrThrow();
}, SLOW);

describe('admissions', () => {
	it('upserts per ward and week with one audit row, and keeps ward staff to their ward', async () => {
		expect(
			(
				await saveAdmissions(
					db,
					lead,
					[
						{ wardId: ward7, weekStart: '2026-11-16', admissions: 10 },
						{ wardId: ward12, weekStart: '2026-11-16', admissions: 5 }
					],
					'csv',
					now
				)
			).status
		).toBe('saved');
		expect(
			(
				await saveAdmissions(
					db,
					nurse,
					[{ wardId: ward7, weekStart: '2026-11-16', admissions: 8, was: 10 }],
					'form',
					now
				)
			).status
		).toBe('saved');
		expect(
			(
				await saveAdmissions(
					db,
					nurse,
					[{ wardId: ward12, weekStart: '2026-11-16', admissions: 1 }],
					'form',
					now
				)
			).status
		).toBe('wardNotAllowed');
		const rows = await listAdmissions(db, lead.organisationId);
		expect(rows.map((r) => [r.wardName, r.admissions])).toEqual([
			['Ward 12', 5],
			['Ward 7', 8]
		]);
		const audit = await listAudit(db, lead.organisationId, { subjectType: 'admissions' });
		expect(audit.map((a) => a.action).sort()).toEqual(['edited', 'imported']);
	});

	it('keeps a retired ward’s weeks before it closed, and refuses any from its closing on', async () => {
		const retire = (at: string | null) =>
			db.updateTable('ward').set({ retired_at: at }).where('id', '=', ward12).execute();
		await retire('2026-11-18T09:00:00.000Z');
		try {
			const save = (weekStart: string) =>
				saveAdmissions(db, lead, [{ wardId: ward12, weekStart, admissions: 3 }], 'form', now);
			expect((await save('2025-01-06')).status).toBe('saved');
			expect((await save('2026-11-23')).status).toBe('wardNotAllowed');
			expect((await save('2026-11-18')).status).toBe('wardNotAllowed');
		} finally {
			await retire(null);
			await db
				.deleteFrom('admission_count')
				.where('ward_id', '=', ward12)
				.where('week_start', '=', '2025-01-06')
				.execute();
		}
	});
});

describe('measure series', () => {
	beforeAll(async () => {
		// Week of 16 Nov: 4 given on Ward 7 (one not talked through), 1 declined, 1 voided.
		await record({ day: '2026-11-16' });
		await record({ day: '2026-11-17', talkedThrough: 0, teachBack: 'notDone' });
		await record({ day: '2026-11-18', groupIndex: 1 });
		await record({ day: '2026-11-19', format: 'video', groupIndex: 2 });
		await record({ day: '2026-11-19', outcome: 'declined' });
		await record({ day: '2026-11-20', voided: true });
		// Ward 12, the same week, and Ward 7 in the week after (no admissions entered).
		await record({ day: '2026-11-17', wardId: ward12 });
		await record({ day: '2026-11-24' });
	});

	it('computes each weekly measure for the organisation, voided records never counting', async () => {
		const series = await measureSeries(db, lead.organisationId, {
			slice: {},
			kind: 'week',
			today: '2026-11-26'
		});
		expect(series.deliveries.map((p) => [p.period, p.value])).toEqual([
			['2026-11-16', 6],
			['2026-11-23', 1]
		]);
		// 5 given ÷ (8 + 5) admissions; the next week has none entered: missing, not zero.
		expect(series.coverage.map((p) => p.value)).toEqual([(100 * 5) / 13, null]);
		expect(series.talkedThrough[0]).toMatchObject({ numerator: 4, denominator: 5 });
		expect(series.teachBack[0]).toMatchObject({ numerator: 4, denominator: 5 });
	});

	it('slices by ward, and has no coverage for a group slice', async () => {
		const ward = await measureSeries(db, lead.organisationId, {
			slice: { wardIds: [ward7] },
			kind: 'week',
			today: '2026-11-26'
		});
		expect(ward.coverage[0]).toMatchObject({ numerator: 4, denominator: 8, value: 50 });
		const group = await measureSeries(db, lead.organisationId, {
			slice: { patientGroupIds: [groups[0]?.id ?? ''] },
			kind: 'week',
			today: '2026-11-26'
		});
		expect(group.coverage.every((p) => p.value === null)).toBe(true);
		expect(group.deliveries.map((p) => p.value)).toEqual([4, 1]);
	});

	it('counts format fit against the group’s preferred formats', async () => {
		const series = await measureSeries(db, lead.organisationId, {
			slice: {},
			kind: 'month',
			today: '2026-11-26'
		});
		const fitting = groups[2]?.preferred.includes('video') ? 6 : 5;
		expect(series.formatFit).toEqual([
			{
				period: '2026-11',
				value: (100 * fitting) / 6,
				numerator: fitting,
				denominator: 6,
				inProgress: true
			}
		]);
	});
});

describe('day counts', () => {
	it('keep up with late records, undos and corrections', async () => {
		const week = async () =>
			(
				await measureSeries(db, lead.organisationId, {
					slice: {},
					kind: 'week',
					today: '2026-11-26'
				})
			).deliveries[0]?.value;
		const before = await week();
		// A record for 16 Nov that reaches the server only now.
		await record({ day: '2026-11-16' });
		expect(await week()).toBe((before ?? 0) + 1);
		// It is undone: voided, with its revision, as the sync code does it.
		const latest = await db
			.selectFrom('delivery_record')
			.select('id')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('delivery_record')
			.set({ voided_at: now.toISOString(), voided_by: nurse.id })
			.where('id', '=', latest.id)
			.execute();
		await db
			.insertInto('delivery_record_revision')
			.values({
				delivery_id: latest.id,
				organisation_id: lead.organisationId,
				changed_at: now.toISOString(),
				changed_by: nurse.id,
				change: 'undo',
				before: '{}'
			})
			.execute();
		await recountDays(db, [{ organisationId: lead.organisationId, day: '2026-11-16' }]);
		expect(await week()).toBe(before);
		// Counted again from the records, the day counts agree with a ward-by-ward sum.
		const byRecords = await measureSeries(db, lead.organisationId, {
			slice: { languages: ['en'] },
			kind: 'week',
			today: '2026-11-26'
		});
		expect(byRecords.deliveries[0]?.value).toBe(before);
	});
});

describe('aims and annotations', () => {
	it('stores an aim and an annotation, each audited', async () => {
		await createAim(
			db,
			lead,
			{
				title: 'Format that suits',
				measure: 'formatFit',
				target: 90,
				dueBy: '2027-03-31',
				wardIds: [ward7],
				patientGroupIds: []
			},
			now
		);
		expect((await listAims(db, lead.organisationId)).map((a) => a.title)).toEqual([
			'Format that suits'
		]);
		expect(
			await addAnnotation(
				db,
				lead,
				{ onDate: '2026-11-18', text: 'Easy read started', wardId: ward7 },
				now
			)
		).toBe('saved');
		expect(
			await addAnnotation(
				db,
				lead,
				{ onDate: '2026-11-18', text: 'x', wardId: '00000000-0000-4000-8000-000000000000' },
				now
			)
		).toBe('unknownWard');
		expect((await listAnnotations(db, lead.organisationId, ward12)).length).toBe(0);
		expect((await listAnnotations(db, lead.organisationId, ward7)).map((a) => a.text)).toEqual([
			'Easy read started'
		]);
		const audit = await listAudit(db, lead.organisationId);
		expect(audit.map((a) => a.subjectType)).toEqual(
			expect.arrayContaining(['aim', 'measure_annotation'])
		);
	});
});

describe('equity input', () => {
	it('counts groups by format and language, and coverage only in weeks with admissions', async () => {
		const input = await equityInput(db, lead.organisationId, '2026-01-01');
		const first = input.byGroupFormat.filter((r) => r.groupId === groups[0]?.id);
		expect(first.reduce((n, r) => n + r.given, 0)).toBe(4); // Ward 7 and Ward 12; not declined or undone
		expect(input.byGroupLanguage.every((r) => r.language === 'en')).toBe(true);
		// Ward 7: 4 given in the week of 16 Nov (8 admissions); the week after has none entered.
		expect(input.coverageByWard.find((w) => w.name === 'Ward 7')).toMatchObject({
			numerator: 4,
			denominator: 8
		});
		expect(input.coverageByWard.find((w) => w.name === 'Ward 12')).toMatchObject({
			numerator: 1,
			denominator: 5
		});
	});
});
