import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database';
import { logger } from '../operations/log';
import { openDemoDatabase } from '../test-support/demo-database';
import { listAudit, recordAudit } from './audit';

let db: Db;
let demo: Awaited<ReturnType<typeof openDemoDatabase>>;
const now = new Date('2026-03-10T09:00:00Z');

beforeAll(async () => {
	demo = await openDemoDatabase(now);
	db = demo.db;
}, 20_000);
afterAll(() => db.destroy());

describe('audit trail', () => {
	it('lists who did what to which subject, newest first, with its detail', async () => {
		const lead = await demo.account('lead@demo.example');
		const reviewer = await demo.account('reviewer@demo.example');
		const base = { organisationId: lead.organisationId, subjectType: 'briefing_version' as const };
		await recordAudit(db, { ...base, actorId: lead.id, action: 'submitted', subjectId: 'v1' }, now);
		await recordAudit(
			db,
			{ ...base, actorId: reviewer.id, action: 'approved', subjectId: 'v1', detail: { number: 2 } },
			new Date(now.getTime() + 60_000)
		);
		await recordAudit(db, { ...base, actorId: lead.id, action: 'edited', subjectId: 'v2' }, now);

		const forV1 = await listAudit(db, lead.organisationId, { subjectId: 'v1' });
		expect(forV1.map((e) => [e.action, e.actorName, e.detail])).toEqual([
			['approved', reviewer.displayName, { number: 2 }],
			['submitted', lead.displayName, {}]
		]);
		expect(await listAudit(db, 'another-organisation')).toEqual([]);
	});

	it('logs each entry as an `audit` security event, with ids but not the detail', async () => {
		const admin = await demo.account('admin@demo.example');
		const info = vi.spyOn(logger, 'info').mockImplementation(() => {});
		try {
			await recordAudit(db, {
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: 'staff.unlocked',
				subjectType: 'staff_account',
				subjectId: 's1',
				detail: { failedAttemptsCleared: 3 }
			});
			expect(info).toHaveBeenCalledWith(
				{
					event: 'audit',
					action: 'staff.unlocked',
					organisationId: admin.organisationId,
					accountId: admin.id,
					subjectType: 'staff_account',
					subjectId: 's1'
				},
				'audit'
			);
		} finally {
			info.mockRestore();
		}
	});

	it('refuses under test a detail key the admin’s page has no words for; in service, warns', async () => {
		const admin = await demo.account('admin@demo.example');
		const entry = {
			organisationId: admin.organisationId,
			actorId: admin.id,
			action: 'ward.edited',
			subjectType: 'ward',
			subjectId: 'w-colour',
			detail: { before: { name: 'Ward 7' }, after: { name: 'Ward 8', colour: 'red' } }
		} as const;
		// A test of the step that writes it fails: the key is given words before it ships.
		await expect(recordAudit(db, entry, now)).rejects.toThrow(
			'Audit detail keys not in auditDetailKeys: colour'
		);
		expect(await listAudit(db, admin.organisationId, { subjectId: 'w-colour' })).toEqual([]);
		// In service the change is not refused for want of a label: written, and logged.
		vi.stubEnv('VITEST', '');
		const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
		try {
			await recordAudit(db, entry, now);
			expect(warn).toHaveBeenCalledWith(
				{ action: 'ward.edited', keys: ['colour'] },
				'audit detail keys without words'
			);
		} finally {
			warn.mockRestore();
			vi.unstubAllEnvs();
		}
		const written = await listAudit(db, admin.organisationId, { subjectId: 'w-colour' });
		expect(written.map((e) => e.detail)).toEqual([entry.detail]);
	});
});
