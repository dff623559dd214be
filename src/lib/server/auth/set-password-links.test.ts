import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount, verifyCredentials } from '../repositories/staff-accounts';
import { createSession } from './sessions';
import {
	checkSetPasswordLink,
	createSetPasswordLink,
	LINK_HOURS,
	setPasswordWithLink
} from './set-password-links';
import {
	failInsertsInto,
	openTestDatabase,
	stopFailingInserts
} from '../test-support/test-database';

let db: Db;
let accountId: string;
const now = new Date('2026-12-03T10:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

beforeEach(async () => {
	db = await openTestDatabase();
	const org = await createOrganisation(db, { name: 'Northfield' });
	accountId = (
		await createStaffAccount(db, {
			organisationId: org.id,
			email: 'nurse@northfield.example',
			displayName: 'A Nurse',
			role: 'wardStaff'
		})
	).id;
});
afterEach(() => db.destroy());

describe('set-password links', () => {
	it('sets the password once, stores only a digest, and ends other sessions', async () => {
		const { token } = await createSetPasswordLink(
			db,
			{ staffAccountId: accountId, purpose: 'invite', createdBy: null },
			now
		);
		const stored = await db.selectFrom('set_password_link').select('token_hash').execute();
		expect(stored.map((r) => r.token_hash)).not.toContain(token);
		await createSession(db, accountId, 12, now);

		expect(await setPasswordWithLink(db, token, 'a long new password', later(1))).toMatchObject({
			ok: true,
			purpose: 'invite'
		});
		expect(
			await verifyCredentials(db, 'nurse@northfield.example', 'a long new password')
		).toMatchObject({ id: accountId });
		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);
		expect(await setPasswordWithLink(db, token, 'another long password', later(2))).toEqual({
			ok: false,
			reason: 'used'
		});
		expect(
			await verifyCredentials(db, 'nurse@northfield.example', 'another long password')
		).toBeNull();
	});

	it('writes its audit row in the same transaction: without it, no password is set and the link still works', async () => {
		const { token } = await createSetPasswordLink(
			db,
			{ staffAccountId: accountId, purpose: 'reset', createdBy: null },
			now
		);
		await failInsertsInto(db, 'audit_event', 'disk full');
		await expect(setPasswordWithLink(db, token, 'a long new password', later(1))).rejects.toThrow(
			'disk full'
		);
		await stopFailingInserts(db, 'audit_event');
		expect(
			await verifyCredentials(db, 'nurse@northfield.example', 'a long new password')
		).toBeNull();

		expect(await setPasswordWithLink(db, token, 'a long new password', later(1))).toMatchObject({
			ok: true
		});
		const audited = await db
			.selectFrom('audit_event')
			.select(['action', 'actor_id', 'subject_id', 'detail'])
			.where('action', '=', 'staff.passwordSet')
			.execute();
		expect(audited).toEqual([
			{
				action: 'staff.passwordSet',
				actor_id: accountId,
				subject_id: accountId,
				detail: JSON.stringify({ purpose: 'reset' })
			}
		]);
	});

	it('sets no password once the account signs in through SSO, an invitation or a reset', async () => {
		const ssoSubject = (subject: string | null) =>
			db
				.updateTable('staff_account')
				.set({ sso_subject: subject })
				.where('id', '=', accountId)
				.execute();
		for (const purpose of ['invite', 'reset'] as const) {
			const { token } = await createSetPasswordLink(
				db,
				{ staffAccountId: accountId, purpose, createdBy: null },
				now
			);
			expect(await checkSetPasswordLink(db, token, now)).toMatchObject({ ok: true });
			// The person's first sign-in through their organisation's SSO links their identity.
			await ssoSubject('https://login.example nurse');
			expect(await checkSetPasswordLink(db, token, now)).toEqual({ ok: false, reason: 'used' });
			expect(await setPasswordWithLink(db, token, 'a long new password', later(1))).toEqual({
				ok: false,
				reason: 'used'
			});
			await ssoSubject(null);
		}
		expect(
			await verifyCredentials(db, 'nurse@northfield.example', 'a long new password')
		).toBeNull();
	});

	it(`expires after ${LINK_HOURS} hours, and an unknown token is unknown`, async () => {
		const { token } = await createSetPasswordLink(
			db,
			{ staffAccountId: accountId, purpose: 'reset', createdBy: null },
			now
		);
		expect(await checkSetPasswordLink(db, token, later(LINK_HOURS - 1))).toMatchObject({
			ok: true
		});
		expect(await setPasswordWithLink(db, token, 'a long new password', later(LINK_HOURS))).toEqual({
			ok: false,
			reason: 'expired'
		});
		expect(await checkSetPasswordLink(db, 'not-a-token', now)).toEqual({
			ok: false,
			reason: 'unknown'
		});
	});

	it('cancels an earlier unused link when a new one is made', async () => {
		const first = await createSetPasswordLink(
			db,
			{ staffAccountId: accountId, purpose: 'invite', createdBy: null },
			now
		);
		const second = await createSetPasswordLink(
			db,
			{ staffAccountId: accountId, purpose: 'reset', createdBy: null },
			later(1)
		);
		expect(await checkSetPasswordLink(db, first.token, later(2))).toEqual({
			ok: false,
			reason: 'used'
		});
		expect(await checkSetPasswordLink(db, second.token, later(2))).toMatchObject({ ok: true });
	});
});
