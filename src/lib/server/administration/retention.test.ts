import { describe, expect, it } from 'vitest';
import { openDemoDatabase } from '../test-support/demo-database';
import { auditPage } from './audit-log';
import { getRetention, saveRetention } from './retention';

const now = new Date('2026-12-03T10:00:00Z');
// The admin's change comes after the seed's own audit entries (its library share, at `now`).
const later = new Date(now.getTime() + 60_000);

describe('retention settings', () => {
	it('start at the defaults, save with an audit row of what changed, and only when changed', async () => {
		const { db, account } = await openDemoDatabase(now);
		const admin = await account('admin@demo.example');
		expect(await getRetention(db, admin.organisationId)).toEqual({
			limits: { records: 5, feedback: 5, audit: 6 },
			runs: [],
			runsPaging: { page: 1, pages: 1, total: 0, from: 1, to: 0 }
		});
		const auditBefore = (await auditPage(db, admin.organisationId, 1)).total;
		expect(
			await saveRetention(db, admin, { records: 8, feedback: 5, audit: 6 }, null, later)
		).toEqual({ saved: ['records'] });
		expect((await getRetention(db, admin.organisationId)).limits).toEqual({
			records: 8,
			feedback: 5,
			audit: 6
		});
		const page = await auditPage(db, admin.organisationId, 1);
		expect(page.total).toBe(auditBefore + 1);
		expect(page.lines[0]).toMatchObject({
			action: 'organisation.retentionChanged',
			detail: { before: { records: 5 }, after: { records: 8 } }
		});
		// Saved again unchanged: nothing written.
		expect(
			await saveRetention(db, admin, { records: 8, feedback: 5, audit: 6 }, null, later)
		).toEqual({ saved: [] });
		expect((await auditPage(db, admin.organisationId, 1)).total).toBe(auditBefore + 1);
	});

	it('shorten only with the confirmation of that very change, from the limits stored now', async () => {
		const { db, account } = await openDemoDatabase(now);
		const admin = await account('admin@demo.example');
		const stored = { records: 5, feedback: 5, audit: 6 };
		const shorter = { records: 1, feedback: 5, audit: 7 };
		const limits = async () => (await getRetention(db, admin.organisationId)).limits;
		const auditBefore = (await auditPage(db, admin.organisationId, 1)).total;

		// Without a confirmation, or with one for another change: asked, nothing saved.
		for (const confirmation of [
			null,
			{ from: stored, to: { ...shorter, records: 2 } },
			{ from: { ...stored, records: 6 }, to: shorter }
		])
			expect(await saveRetention(db, admin, shorter, confirmation, later)).toEqual({
				confirm: { from: stored, kinds: ['records'] }
			});
		expect(await limits()).toEqual(stored);
		expect((await auditPage(db, admin.organisationId, 1)).total).toBe(auditBefore);

		// Confirmed: saved, with its audit row.
		expect(await saveRetention(db, admin, shorter, { from: stored, to: shorter }, later)).toEqual({
			saved: ['records', 'audit']
		});
		expect(await limits()).toEqual(shorter);

		// A confirmation seen against limits someone has since changed is asked again.
		await saveRetention(db, admin, { ...shorter, records: 3 }, null, later); // longer: at once
		expect(await limits()).toEqual({ ...shorter, records: 3 });
		expect(await saveRetention(db, admin, shorter, { from: stored, to: shorter }, later)).toEqual({
			confirm: { from: { ...shorter, records: 3 }, kinds: ['records'] }
		});
	});

	it('are each organisation\u2019s own', async () => {
		const { db, account } = await openDemoDatabase(now);
		const admin = await account('admin@demo.example');
		await saveRetention(db, admin, { records: 9, feedback: 9, audit: 9 }, null, now);
		const others = await db
			.selectFrom('organisation')
			.select(['retain_records_years', 'retain_feedback_years', 'retain_audit_years'])
			.where('id', '!=', admin.organisationId)
			.execute();
		expect(others.length).toBeGreaterThan(0);
		for (const other of others)
			expect(other).toEqual({
				retain_records_years: 5,
				retain_feedback_years: 5,
				retain_audit_years: 6
			});
	});

	it('list every run that deleted anything, a page at a time, the organisation’s own only', async () => {
		const { db, account } = await openDemoDatabase(now);
		const admin = await account('admin@demo.example');
		const theirs = await account('lead@southmoor.example');
		// 23 nights that deleted something, night n deleting n records; and two of Southmoor's.
		const run = (organisationId: string, n: number) => ({
			id: `run-${organisationId}-${String(n).padStart(2, '0')}`,
			organisation_id: organisationId,
			ran_at: new Date(now.getTime() - (30 - n) * 86_400_000).toISOString(),
			records_before_day: '2020-01-01',
			feedback_before_day: '2020-01-01',
			audit_before: '2019-01-01T00:00:00.000Z',
			records_deleted: n,
			feedback_deleted: 0,
			audit_deleted: 0
		});
		await db
			.insertInto('retention_run')
			.values([
				...Array.from({ length: 23 }, (_, i) => run(admin.organisationId, i + 1)),
				run(theirs.organisationId, 1),
				run(theirs.organisationId, 2)
			])
			.execute();
		const deleted = async (page: number) => {
			const { runs, runsPaging } = await getRetention(db, admin.organisationId, page);
			return { counts: runs.map((r) => r.recordsDeleted), ...runsPaging };
		};
		expect(await deleted(1)).toEqual({
			counts: [23, 22, 21, 20, 19, 18, 17, 16, 15, 14],
			page: 1,
			pages: 3,
			total: 23,
			from: 1,
			to: 10
		});
		expect(await deleted(3)).toMatchObject({ counts: [3, 2, 1], page: 3, from: 21, to: 23 });
		// A page past the last (the oldest runs' page, bookmarked) is the last.
		expect(await deleted(9)).toMatchObject({ counts: [3, 2, 1], page: 3 });
		expect((await getRetention(db, theirs.organisationId)).runsPaging.total).toBe(2);
	});
});
