import { describe, expect, it } from 'vitest';
import { openStudioDemo } from '../test-support/demo-database';
import { recordAudit } from './audit';
import { BRIEFING_AUDIT_PER_PAGE, auditForBriefing } from './briefing-versions';

const now = new Date('2026-12-03T10:00:00Z');
const minute = (n: number) => new Date(now.getTime() + n * 60_000);

describe('a briefing’s audit trail', () => {
	it('reaches its first change on the last page, newest first, nothing of another briefing', async () => {
		const { db, lead, newDraft } = await openStudioDemo(now);
		const { briefingId, version } = await newDraft('falls-audit');
		const { briefingId: other } = await newDraft('other-audit', 'Other');
		// Sixty saves of the draft, a minute apart, and one of another briefing's among them.
		for (let n = 1; n <= 60; n++)
			await recordAudit(
				db,
				{
					organisationId: lead.organisationId,
					actorId: lead.id,
					action: 'edited',
					subjectType: 'briefing_version',
					subjectId: version.id,
					detail: { number: n }
				},
				minute(n)
			);
		await recordAudit(
			db,
			{
				organisationId: lead.organisationId,
				actorId: lead.id,
				action: 'edited',
				subjectType: 'briefing',
				subjectId: other
			},
			minute(30)
		);
		const first = await auditForBriefing(db, lead.organisationId, briefingId);
		const total = first.paging.total;
		expect(total).toBeGreaterThan(60); // the saves and the draft's creation
		expect(first.events).toHaveLength(BRIEFING_AUDIT_PER_PAGE);
		expect(first.events.slice(0, 2).map((e) => e.number)).toEqual([60, 59]);
		expect(first.paging).toMatchObject({ page: 1, pages: 2, from: 1, to: 50 });

		const last = await auditForBriefing(db, lead.organisationId, briefingId, 2);
		expect(last.paging).toMatchObject({ page: 2, from: 51, to: total });
		expect(last.events.at(-1)?.action).toBe('created');
		expect(last.events.filter((e) => e.action === 'edited').map((e) => e.number)).toContain(1);
		// A page past the last is the last; another organisation sees nothing of it.
		expect((await auditForBriefing(db, lead.organisationId, briefingId, 9)).paging.page).toBe(2);
		const southmoor = await db
			.selectFrom('organisation')
			.select('id')
			.where('name', 'like', 'Southmoor%')
			.executeTakeFirstOrThrow();
		expect((await auditForBriefing(db, southmoor.id, briefingId)).paging.total).toBe(0);
	});
});
