import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { openDemoDatabase } from '../test-support/demo-database';
import { AUDIT_PAGE_SIZE, auditPage } from './audit-log';

const now = new Date('2026-12-03T10:00:00Z');
let db: Db;
let northfield: string;
let southmoor: string;
let ownBefore: number;

/** `n` minutes after the seed, so each row has its own place, newest last written. */
const minute = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	const operator = await demo.account('platform@demo.example');
	const lead = await demo.account('lead@demo.example');
	const theirs = await demo.account('lead@southmoor.example');
	northfield = lead.organisationId;
	southmoor = theirs.organisationId;
	ownBefore = (await auditPage(db, northfield, 1)).total;
	// More than a page of the platform's changes to Northfield, each numbered, between which
	// Northfield's own lead and Southmoor's lead work.
	const platformChanges = AUDIT_PAGE_SIZE + 7;
	for (let n = 1; n <= platformChanges; n++) {
		await recordAudit(
			db,
			{
				organisationId: northfield,
				actorId: operator.id,
				action: 'organisation.updated',
				subjectType: 'organisation',
				subjectId: northfield,
				detail: { number: n }
			},
			minute(n)
		);
		if (n % 10 === 0) {
			const own = { action: 'published', subjectType: 'briefing_version', subjectId: 'x' } as const;
			await recordAudit(db, { ...own, organisationId: northfield, actorId: lead.id }, minute(n));
			await recordAudit(db, { ...own, organisationId: southmoor, actorId: theirs.id }, minute(n));
		}
	}
});

const numbers = (lines: Array<{ detail: Record<string, unknown> }>) =>
	lines.map((l) => l.detail.number);

describe('the platform’s audit of a trust, a page at a time', () => {
	it('lists only the platform’s own changes, newest first, the older ones on the next page', async () => {
		const first = await auditPage(db, northfield, 1, { by: 'platform' });
		expect(first).toMatchObject({ page: 1, pages: 2, total: 57, from: 1, to: 50 });
		expect(numbers(first.lines)).toEqual(Array.from({ length: 50 }, (_, i) => 57 - i));
		const second = await auditPage(db, northfield, 2, { by: 'platform' });
		expect(second).toMatchObject({ page: 2, pages: 2, total: 57, from: 51, to: 57 });
		expect(numbers(second.lines)).toEqual([7, 6, 5, 4, 3, 2, 1]);
		expect(second.lines.every((l) => l.actorName === first.lines[0]?.actorName)).toBe(true);
	});

	it('shows a page past the last as the last, and a page before the first as the first', async () => {
		expect(await auditPage(db, northfield, 9, { by: 'platform' })).toMatchObject({ page: 2 });
		expect(await auditPage(db, northfield, 0, { by: 'platform' })).toMatchObject({ page: 1 });
	});

	it('finds nothing of the platform’s in a trust it has not changed', async () => {
		expect(await auditPage(db, southmoor, 1, { by: 'platform' })).toMatchObject({
			lines: [],
			page: 1,
			pages: 1,
			total: 0
		});
	});
});

describe('the organisation admin’s audit trail', () => {
	it('pages through everything done in the organisation, the platform’s changes too', async () => {
		const first = await auditPage(db, northfield, 1);
		expect(first.total).toBe(ownBefore + 57 + 5);
		expect(first.lines).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.lines.map((l) => l.action).slice(0, 3)).toEqual([
			'organisation.updated',
			'organisation.updated',
			'organisation.updated'
		]);
		const last = await auditPage(db, northfield, first.pages);
		expect(last.to).toBe(first.total);
		expect(
			(await auditPage(db, southmoor, 1)).lines.some((l) => l.detail.number !== undefined)
		).toBe(false);
	});
});
