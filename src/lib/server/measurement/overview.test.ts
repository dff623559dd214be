import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { createAim, editAim, getAim, listAims, setAimClosed } from '../repositories/aims';
import { listWards, primaryOrganisation } from '../repositories/organisations';
import { seedDemo } from '../seed/demo';
import { staffAccountByEmail } from '../test-support/accounts';
import { jointDisclosure } from './joint-disclosure';
import { aimSummary, measurementOverview } from './overview';
import { openTestDatabase } from '../test-support/test-database';

const now = new Date('2026-11-26T10:00:00Z');
const today = '2026-11-26';
const WHOLE = '00000000-0000-4000-8000-000000000001';
let db: Db;
let organisationId: string;

beforeEach(async () => {
	db = await openTestDatabase();
	await seedDemo(db, now, { history: true });
	organisationId = (await primaryOrganisation(db))!.id;
	// A second aim for the whole organisation, beside the demo's Ward 7 aim.
	await db
		.insertInto('aim')
		.values({
			id: WHOLE,
			organisation_id: organisationId,
			title: 'Everyone talked through',
			measure: 'talkedThrough',
			target: 80,
			ward_ids: '[]',
			patient_group_ids: '[]',
			due_by: '2027-06-30',
			created_by: (await db.selectFrom('staff_account').select('id').executeTakeFirstOrThrow()).id,
			created_at: now.toISOString()
		})
		.execute();
}, 30_000);
afterEach(async () => {
	await db.destroy();
});

describe('measurementOverview', () => {
	it('judges each aim exactly as its own board report does, sharing series between aims', async () => {
		const overview = await measurementOverview(db, organisationId, today, true);
		const aims = await listAims(db, organisationId);
		expect(overview.aims).toHaveLength(2);
		for (const aim of aims) {
			const alone = await aimSummary(db, organisationId, aim, today, true);
			const onHome = overview.aims.find((a) => a.id === aim.id);
			expect(onHome, aim.title).toEqual(alone);
		}
		const whole = overview.aims.find((a) => a.title === 'Everyone talked through');
		expect(whole?.latest?.value).toBe(
			overview.measures.find((m) => m.id === 'talkedThrough')?.latest?.value
		);
	});
});

describe('closed and corrected aims', () => {
	it('leave a closed aim out of the current aims, listed as closed, the others judged alike', async () => {
		const lead = await staffAccountByEmail(db, 'lead@demo.example');
		const before = await measurementOverview(db, organisationId, today, false);
		expect(await setAimClosed(db, lead, WHOLE, 'achieved', now)).toBe('saved');
		const after = await measurementOverview(db, organisationId, today, false);
		expect(after.aims).toEqual(before.aims.filter((a) => a.id !== WHOLE));
		expect(after.aims).toHaveLength(1);
		expect(after.closedAims).toEqual([
			expect.objectContaining({
				id: WHOLE,
				title: 'Everyone talked through',
				closed: { outcome: 'achieved', on: today }
			})
		]);
		expect(after.measures).toEqual(before.measures);
	});

	it('keep a closed aim’s wards in the joint table: its board report still shows numbers', async () => {
		const lead = await staffAccountByEmail(db, 'lead@demo.example');
		const wardIds = (await listWards(db, organisationId)).slice(0, 2).map((w) => w.id);
		const id = await createAim(
			db,
			lead,
			{
				title: 'Two wards',
				measure: 'talkedThrough',
				target: 80,
				dueBy: '2027-06-30',
				wardIds,
				patientGroupIds: []
			},
			now
		);
		const request = { kind: 'week' as const, today, measureIds: ['talkedThrough' as const] };
		const asked = [{ wardIds }];
		const open = await jointDisclosure(db, organisationId, request, asked);
		expect(open[0]?.talkedThrough).not.toBe('everything');
		await setAimClosed(db, lead, id, 'stopped', now);
		expect(await jointDisclosure(db, organisationId, request, asked)).toEqual(open);
		const report = await aimSummary(
			db,
			organisationId,
			(await getAim(db, organisationId, id))!,
			today,
			false
		);
		expect(report.closed).toEqual({ outcome: 'stopped', on: today });
		expect(report.chart.allWithheld).toBe(false);
	});

	it('judge a corrected aim on its new target and measure, on the home and its report', async () => {
		const lead = await staffAccountByEmail(db, 'lead@demo.example');
		const aim = (await getAim(db, organisationId, WHOLE))!;
		const corrected = {
			...aim,
			title: 'Nearly everyone taught back',
			measure: 'teachBack' as const,
			target: 1
		};
		expect(await editAim(db, lead, WHOLE, corrected, now)).toBe('saved');
		const onHome = (await measurementOverview(db, organisationId, today, true)).aims.find(
			(a) => a.id === WHOLE
		);
		const report = await aimSummary(
			db,
			organisationId,
			(await getAim(db, organisationId, WHOLE))!,
			today,
			true
		);
		expect(onHome).toMatchObject({
			title: 'Nearly everyone taught back',
			measure: 'teachBack',
			target: 1
		});
		expect(report).toMatchObject({
			title: 'Nearly everyone taught back',
			measure: 'teachBack',
			target: 1
		});
		// The demo's teach-back is far above 1%: the corrected target is met.
		expect(report.progress).toBe('met');
		expect(report.latest?.value).toBe(
			(await measurementOverview(db, organisationId, today, true)).measures.find(
				(m) => m.id === 'teachBack'
			)?.latest?.value
		);
	});
});
