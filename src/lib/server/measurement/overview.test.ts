import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { listAims } from '../repositories/aims';
import { primaryOrganisation } from '../repositories/organisations';
import { seedDemo } from '../seed/demo';
import { aimSummary, measurementOverview } from './overview';
import { openTestDatabase } from '../test-support/test-database';

const now = new Date('2026-11-26T10:00:00Z');
const today = '2026-11-26';
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
			id: '00000000-0000-4000-8000-000000000001',
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
